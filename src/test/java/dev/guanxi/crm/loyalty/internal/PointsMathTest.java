package dev.guanxi.crm.loyalty.internal;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class PointsMathTest {

    @Test
    void pointsAreTheAmountTimesRateAndMultipliersRoundedDown() {
        assertThat(PointsMath.earned(new BigDecimal("99.99"), BigDecimal.ONE)).isEqualTo(99);
        assertThat(PointsMath.earned(new BigDecimal("100.00"), BigDecimal.ONE, new BigDecimal("1.5"), new BigDecimal("2")))
                .isEqualTo(300);
        assertThat(PointsMath.earned(new BigDecimal("0.99"), BigDecimal.ONE)).isZero();
        assertThat(PointsMath.earned(new BigDecimal("-50"), BigDecimal.ONE)).isZero();
    }

    @Test
    void aRefundTakesBackItsShareOfTheOrdersPointsAndNoMoreThanIsLeft() {
        PointsLedger.OrderPoints order = new PointsLedger.OrderPoints(300, new BigDecimal("1000.00"), 0);
        assertThat(PointsMath.toReverse(new BigDecimal("-250.00"), order)).isEqualTo(75);
        assertThat(PointsMath.toReverse(new BigDecimal("-1000.00"), new PointsLedger.OrderPoints(300,
                new BigDecimal("1000.00"), 250))).isEqualTo(50);
        assertThat(PointsMath.toReverse(new BigDecimal("-10"), new PointsLedger.OrderPoints(0, BigDecimal.ZERO, 0)))
                .isZero();
    }

    @Test
    void expiryTakesWhatIsLeftOfEachDueLotFirstInFirstOut() {
        LocalDate today = LocalDate.of(2026, 6, 1);
        // lots 100 (due), 50 (due), 70 (not due); 130 points spent so far: the first lot is used up, 20 of the second
        List<PointsLedger.Lot> lots = List.of(
                new PointsLedger.Lot(1, 100, today.minusDays(3), 100, false),
                new PointsLedger.Lot(2, 50, today, 150, false),
                new PointsLedger.Lot(3, 70, today.plusDays(1), 220, false));
        assertThat(PointsMath.expiries(lots, 130, today))
                .containsExactly(new PointsMath.Expiry(1, 0), new PointsMath.Expiry(2, 20));
        // a lot already expired is not expired again, and its expiry counts among the debits
        List<PointsLedger.Lot> later = List.of(
                new PointsLedger.Lot(1, 100, today.minusDays(3), 100, true),
                new PointsLedger.Lot(2, 50, today, 150, false));
        assertThat(PointsMath.expiries(later, 100, today)).containsExactly(new PointsMath.Expiry(2, 50));
    }
}
