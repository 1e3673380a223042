package dev.guanxi.crm.analytics.model;

import static dev.guanxi.crm.analytics.model.SpecialFunctions.requireNonNegative;
import static dev.guanxi.crm.analytics.model.SpecialFunctions.requirePositive;

/**
 * Discounted customer lifetime value from a BG/NBD model (how many purchases) and a Gamma-Gamma model (how much per
 * purchase), computed the way lifetimes' {@code GammaGammaFitter.customer_lifetime_value} does: the horizon is cut
 * into months; the purchases expected in month k are E[Y(k·u) | x, t_x, T] − E[Y((k−1)·u) | x, t_x, T], where u is
 * the number of model time units per month (lifetimes: 30 for days, 4.345 for weeks); each month's expected margin
 * is discounted by (1 + d)^k. Here the expected spend is also multiplied by a profit margin (1 for revenue).
 *
 * <p>An instance holds the two models and the settings; {@link #value(double, double, double, double)} is
 * allocation-free, so it can score a million customers.
 */
public final class CustomerLifetimeValue {

    /**
     * How CLV is computed.
     *
     * @param months              horizon in months (lifetimes' {@code time}, default 12)
     * @param monthlyDiscountRate discount rate per month (lifetimes' {@code discount_rate}, default 0.01)
     * @param margin              profit margin applied to the expected spend (1 = revenue)
     * @param unitsPerMonth       model time units per month (30 for days, 4.345 for weeks)
     */
    public record Settings(int months, double monthlyDiscountRate, double margin, double unitsPerMonth) {
        /** @throws IllegalArgumentException if a setting is out of range */
        public Settings {
            if (months < 1 || months > 1200) {
                throw new IllegalArgumentException("CLV horizon must be 1 to 1200 months, was " + months);
            }
            requireNonNegative("monthly discount rate", monthlyDiscountRate);
            requireNonNegative("margin", margin);
            requirePositive("time units per month", unitsPerMonth);
        }

        /** Settings with the time units per month of the given unit (lifetimes' factors: 30 days, 4.345 weeks). */
        public static Settings of(int months, double monthlyDiscountRate, double margin, PurchaseSummary.Unit unit) {
            return new Settings(months, monthlyDiscountRate, margin, unit.unitsPerMonth());
        }
    }

    private final BgNbd purchases;
    private final GammaGamma spend;
    private final Settings settings;
    private final double[] discount;

    /** CLV of the given models; {@code spend} may be null when only {@link #valueWithSpend} is used. */
    public CustomerLifetimeValue(BgNbd purchases, GammaGamma spend, Settings settings) {
        if (purchases == null || settings == null) {
            throw new IllegalArgumentException("a BG/NBD model and settings are required");
        }
        this.purchases = purchases;
        this.spend = spend;
        this.settings = settings;
        this.discount = new double[settings.months() + 1];
        for (int k = 1; k <= settings.months(); k++) {
            discount[k] = Math.pow(1 + settings.monthlyDiscountRate(), -k);
        }
    }

    /** The settings of this calculation. */
    public Settings settings() {
        return settings;
    }

    /**
     * The discounted CLV of a customer with summary (x, t_x, T) and mean repeat-purchase value m: the Gamma-Gamma
     * expected average spend times the discounted expected purchases times the margin.
     */
    public double value(double x, double tx, double age, double monetary) {
        if (spend == null) {
            throw new IllegalStateException("no Gamma-Gamma model given: use valueWithSpend");
        }
        return valueWithSpend(x, tx, age, spend.conditionalExpectedAverageSpend(x, monetary));
    }

    /** The discounted CLV with a given expected spend per purchase (for example a customer's own average). */
    public double valueWithSpend(double x, double tx, double age, double expectedSpend) {
        requireNonNegative("expected spend", expectedSpend);
        return expectedSpend * settings.margin() * discountedPurchases(x, tx, age);
    }

    /** Σ_k (E[Y(k·u)] − E[Y((k−1)·u)]) / (1 + d)^k: the discounted number of purchases over the horizon. */
    public double discountedPurchases(double x, double tx, double age) {
        SpecialFunctions.checkCustomer(x, tx, age);
        double total = 0;
        double previous = 0;
        double u = settings.unitsPerMonth();
        for (int k = 1; k <= settings.months(); k++) {
            double cumulative = purchases.purchasesIfAlive(k * u, x, age);
            total += (cumulative - previous) * discount[k];
            previous = cumulative;
        }
        return total * purchases.aliveUnchecked(x, tx, age);
    }
}
