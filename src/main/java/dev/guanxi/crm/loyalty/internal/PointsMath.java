package dev.guanxi.crm.loyalty.internal;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;

/** The arithmetic of points, free of I/O so that it is tested on its own. */
final class PointsMath {

    private PointsMath() {
    }

    /** Points for an amount paid: amount × rate × multipliers, rounded down to whole points, never negative. */
    static int earned(BigDecimal amount, BigDecimal pointsPerUnit, BigDecimal... multipliers) {
        if (amount == null || pointsPerUnit == null || amount.signum() <= 0) {
            return 0;
        }
        BigDecimal p = amount.multiply(pointsPerUnit);
        for (BigDecimal m : multipliers) {
            p = p.multiply(m == null ? BigDecimal.ONE : m);
        }
        return p.setScale(0, RoundingMode.FLOOR).min(BigDecimal.valueOf(Integer.MAX_VALUE)).intValueExact();
    }

    /**
     * Points a refund takes back: the order's earned points in proportion to the refunded part of what they were
     * earned on (rounded half up), at most what is left after earlier reversals of the same order.
     */
    static long toReverse(BigDecimal refund, PointsLedger.OrderPoints order) {
        if (order.earned() <= 0 || order.paid().signum() <= 0) {
            return 0;
        }
        long share = BigDecimal.valueOf(order.earned()).multiply(refund.abs())
                .divide(order.paid(), 0, RoundingMode.HALF_UP).longValue();
        return Math.max(0, Math.min(share, order.earned() - order.reversed()));
    }

    /** An expiry of {@code points} from lot {@code lotId} (points may be 0: the lot was used up). */
    record Expiry(long lotId, int points) {
    }

    /**
     * First in, first out: debits (everything taken out so far) use the oldest lots first, so what is left of a
     * lot is its running total minus the debits, between 0 and its size. Expiring a lot adds to the debits.
     */
    static List<Expiry> expiries(List<PointsLedger.Lot> lots, long debits, java.time.LocalDate today) {
        List<Expiry> out = new java.util.ArrayList<>();
        long taken = debits;
        for (PointsLedger.Lot lot : lots) {
            if (lot.expired() || lot.expiresOn() == null || lot.expiresOn().isAfter(today)) {
                continue;
            }
            long left = Math.max(0, Math.min(lot.points(), lot.cumulative() - taken));
            out.add(new Expiry(lot.id(), (int) left));
            taken += left;
        }
        return out;
    }
}
