package dev.guanxi.crm.analytics.model;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.Collection;
import java.util.Optional;
import java.util.TreeMap;

/**
 * One customer's calibration-period summary for BG/NBD and Gamma-Gamma, with the conventions of lifetimes'
 * {@code summary_data_from_transaction_data} (and of the CDNOW data set):
 * <ul>
 *   <li>purchases on the same day are merged into one purchase (their values summed);</li>
 *   <li>only purchases on or before the calibration end date count;</li>
 *   <li>{@code frequency} x = number of distinct purchase days − 1 (repeat purchases);</li>
 *   <li>{@code recency} t_x = last purchase day − first purchase day, in the chosen unit;</li>
 *   <li>{@code age} T = calibration end − first purchase day, in the chosen unit;</li>
 *   <li>{@code monetary} = mean value of the repeat purchases (the first purchase excluded), 0 when x = 0.</li>
 * </ul>
 *
 * @param frequency x
 * @param recency   t_x
 * @param age       T
 * @param monetary  mean repeat-purchase value
 */
public record PurchaseSummary(double frequency, double recency, double age, double monetary) {

    /** The time unit of recency and age. */
    public enum Unit {
        DAYS(1, 30),
        WEEKS(7, 4.345);

        private final double days;
        private final double unitsPerMonth;

        Unit(double days, double unitsPerMonth) {
            this.days = days;
            this.unitsPerMonth = unitsPerMonth;
        }

        /** Length of the unit in days. */
        public double days() {
            return days;
        }

        /** Units per month as lifetimes counts them for CLV (30 days, 4.345 weeks). */
        public double unitsPerMonth() {
            return unitsPerMonth;
        }
    }

    /** One transaction: its day and value (same-day transactions are merged by {@link #of}). */
    public record Purchase(LocalDate date, double value) {
        public Purchase {
            if (date == null) {
                throw new IllegalArgumentException("purchase date is required");
            }
            SpecialFunctions.requireFinite("purchase value", value);
        }
    }

    /**
     * Summarises one customer's transactions; empty when the customer made no purchase on or before the
     * calibration end.
     */
    public static Optional<PurchaseSummary> of(Collection<Purchase> purchases, LocalDate calibrationEnd, Unit unit) {
        if (calibrationEnd == null || unit == null) {
            throw new IllegalArgumentException("calibration end date and time unit are required");
        }
        TreeMap<LocalDate, Double> days = new TreeMap<>();
        for (Purchase purchase : purchases) {
            if (!purchase.date().isAfter(calibrationEnd)) {
                days.merge(purchase.date(), purchase.value(), Double::sum);
            }
        }
        if (days.isEmpty()) {
            return Optional.empty();
        }
        LocalDate first = days.firstKey();
        double repeatTotal = 0;
        for (double value : days.tailMap(first, false).values()) {
            repeatTotal += value;
        }
        return Optional.of(of(first, days.lastKey(), days.size(), repeatTotal, calibrationEnd, unit));
    }

    /**
     * The summary from per-customer aggregates, for a scoring run that aggregates in SQL (for example
     * {@code min(day), max(day), count(DISTINCT day)} and the total of the purchase days after the first, all
     * restricted to days on or before the calibration end).
     *
     * @param firstPurchase        first purchase day
     * @param lastPurchase         last purchase day (on or after the first, on or before the calibration end)
     * @param purchaseDays         number of distinct purchase days (≥ 1; same-day purchases are one purchase)
     * @param repeatPurchasesTotal total value of the purchase days after the first
     * @throws IllegalArgumentException if the aggregates are inconsistent
     */
    public static PurchaseSummary of(LocalDate firstPurchase, LocalDate lastPurchase, int purchaseDays,
                                     double repeatPurchasesTotal, LocalDate calibrationEnd, Unit unit) {
        if (firstPurchase == null || lastPurchase == null || calibrationEnd == null || unit == null) {
            throw new IllegalArgumentException("first and last purchase day, calibration end and unit are required");
        }
        if (lastPurchase.isBefore(firstPurchase) || lastPurchase.isAfter(calibrationEnd)) {
            throw new IllegalArgumentException("purchases must satisfy first ≤ last ≤ calibration end, were "
                    + firstPurchase + ", " + lastPurchase + ", " + calibrationEnd);
        }
        long span = ChronoUnit.DAYS.between(firstPurchase, lastPurchase);
        if (purchaseDays < 1 || purchaseDays > span + 1 || (purchaseDays == 1) != (span == 0)) {
            throw new IllegalArgumentException("number of purchase days " + purchaseDays + " does not fit the first and "
                    + "last purchase " + firstPurchase + " and " + lastPurchase);
        }
        SpecialFunctions.requireFinite("repeat purchases total", repeatPurchasesTotal);
        int repeats = purchaseDays - 1;
        return new PurchaseSummary(repeats, span / unit.days(),
                ChronoUnit.DAYS.between(firstPurchase, calibrationEnd) / unit.days(),
                repeats == 0 ? 0 : repeatPurchasesTotal / repeats);
    }
}
