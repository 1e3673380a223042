package dev.guanxi.crm.analytics.model;

/** Numerical helpers shared by the models (package-private). */
final class SpecialFunctions {

    private SpecialFunctions() {
    }

    /**
     * The Gaussian hypergeometric function 2F1(a, b; c; z) for 0 ≤ z &lt; 1 by its power series, summed until a term
     * no longer changes the sum at double precision. The callers arrange the arguments (Euler's transformation) so
     * that a and b stay small and the terms decrease at least geometrically with ratio z.
     *
     * @throws ArithmeticException if the series has not converged after a million terms (z too close to 1)
     */
    static double hyp2f1(double a, double b, double c, double z) {
        double term = 1;
        double sum = 1;
        for (int n = 0; n < 1_000_000; n++) {
            term *= (a + n) * (b + n) / ((c + n) * (n + 1)) * z;
            sum += term;
            if (Math.abs(term) <= 1e-17 * Math.abs(sum)) {
                return sum;
            }
        }
        throw new ArithmeticException("hypergeometric series 2F1(" + a + ", " + b + "; " + c + "; " + z
                + ") did not converge");
    }

    /** log(e^u + e^v) without overflow. */
    static double logSumExp(double u, double v) {
        double max = Math.max(u, v);
        if (max == Double.NEGATIVE_INFINITY) {
            return max;
        }
        return max + Math.log1p(Math.exp(Math.min(u, v) - max));
    }

    static void requireFinite(String name, double value) {
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException(name + " must be a finite number, was " + value);
        }
    }

    static void requirePositive(String name, double value) {
        if (!(value > 0) || !Double.isFinite(value)) {
            throw new IllegalArgumentException(name + " must be a positive finite number, was " + value);
        }
    }

    static void requireNonNegative(String name, double value) {
        if (!(value >= 0) || !Double.isFinite(value)) {
            throw new IllegalArgumentException(name + " must be a non-negative finite number, was " + value);
        }
    }

    /**
     * Checks one customer's (x, t_x, T) summary: x a whole number ≥ 0, 0 ≤ t_x ≤ T, t_x = 0 when x = 0.
     */
    static void checkCustomer(double x, double tx, double age) {
        requireNonNegative("frequency x", x);
        if (x != Math.rint(x)) {
            throw new IllegalArgumentException("frequency x must be a whole number of repeat purchases, was " + x);
        }
        requireNonNegative("recency t_x", tx);
        requireNonNegative("age T", age);
        if (tx > age) {
            throw new IllegalArgumentException("recency t_x (" + tx + ") must not exceed the age T (" + age + ")");
        }
        if (x == 0 && tx != 0) {
            throw new IllegalArgumentException("recency t_x must be 0 when there is no repeat purchase (x = 0), was "
                    + tx);
        }
    }

    static void checkLengths(String names, int... lengths) {
        for (int length : lengths) {
            if (length != lengths[0]) {
                throw new IllegalArgumentException("arrays " + names + " must have the same length");
            }
        }
        if (lengths[0] == 0) {
            throw new IllegalArgumentException("no customers to fit");
        }
    }
}
