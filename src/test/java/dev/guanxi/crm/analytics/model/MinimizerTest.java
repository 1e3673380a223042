package dev.guanxi.crm.analytics.model;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class MinimizerTest {

    @Test
    void bfgsMinimisesARosenbrockValley() {
        Minimizer.Result result = Minimizer.minimize((p, g) -> {
            double a = 1 - p[0];
            double b = p[1] - p[0] * p[0];
            g[0] = -2 * a - 400 * p[0] * b;
            g[1] = 200 * b;
            return a * a + 100 * b * b;
        }, new double[] {-1.2, 1}, 1e-10, "test");
        assertThat(result.point()).containsExactly(new double[] {1, 1}, within(1e-6));
        assertThat(result.iterations()).isPositive();
    }

    @Test
    void fallsBackToHipparchusNelderMeadWhenBfgsCannotDescend() {
        // the reported gradient points the wrong way, so no BFGS step decreases the function; the simplex still
        // finds the minimum at (1, 2)
        Minimizer.Result result = Minimizer.minimize((p, g) -> {
            g[0] = -2 * (p[0] - 1);
            g[1] = -2 * (p[1] - 2);
            return (p[0] - 1) * (p[0] - 1) + (p[1] - 2) * (p[1] - 2);
        }, new double[] {0, 0}, 1e-9, "test");
        assertThat(result.iterations()).isEqualTo(-1);
        assertThat(result.point()).containsExactly(new double[] {1, 2}, within(1e-5));
    }

    @Test
    void reportsAFitWithoutFiniteMinimum() {
        // decreasing without bound: neither method converges
        assertThatThrownBy(() -> Minimizer.minimize((p, g) -> {
            g[0] = -1;
            return -p[0];
        }, new double[] {0}, 1e-9, "Test model")).isInstanceOf(ModelFitException.class)
                .hasMessageContaining("Test model fit did not converge");
    }
}
