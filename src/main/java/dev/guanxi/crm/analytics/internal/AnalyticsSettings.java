package dev.guanxi.crm.analytics.internal;

import dev.guanxi.crm.customer.ValueTier;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.stereotype.Component;

/**
 * The rules of the scoring run ({@code guanxi.analytics.*} in application.yml, where each one is explained).
 * Shares and rates are fractions (0.8 = 80 %).
 */
@Component
@ConfigurationProperties("guanxi.analytics")
public class AnalyticsSettings {

    /** ABC period in months, ending on the run's date. */
    private int periodMonths = 12;
    /** Cumulative revenue share up to which customers are A, then B; the rest are C. */
    private double abcA = 0.80;
    private double abcB = 0.95;
    /** The top share of the A customers (by rank) that become VIP; at least one when there are A customers. */
    private double vipShareOfA = 0.05;
    private ValueTier tierA = ValueTier.MAJOR;
    private ValueTier tierB = ValueTier.MEDIUM;
    private ValueTier tierC = ValueTier.SMALL;
    /** Write the value tier and lifecycle stage into the customer records (customers with purchases only). */
    private boolean writeCustomers = true;

    /** Dwyer CLV: gross margin on revenue, yearly discount rate, horizon in years. */
    private double margin = 0.30;
    private double discountRate = 0.10;
    private int horizonYears = 5;
    /** Year-over-year pairs used to estimate the retention rate, and the rate used when no pair has data. */
    private int retentionYears = 5;
    private double retentionFallback = 0.5;

    /** Churn warning: recency beyond k times the customer's own mean inter-purchase time. */
    private double churnK = 2.0;
    /** Spend trend: days of the recent window (compared with the same number of days before it). */
    private int trendDays = 180;
    /** Spend down when the recent window is below the previous one by more than this share. */
    private double spendDrop = 0.30;
    /** Spend up (growth) when the recent window exceeds the previous one by more than this share. */
    private double spendRise = 0.20;
    /** P(alive) below this raises a churn warning (once the model step fills P(alive)). */
    private double aliveWarning = 0.30;

    /** Lifecycle: a single purchase younger than this is still acquisition (prospect stage). */
    private int acquisitionDays = 90;
    /** Lifecycle: tenure below this is growth. */
    private int growthDays = 365;
    /** Lifecycle: no purchase for longer than this, or P(alive) below the threshold, is terminated. */
    private int terminatedDays = 365;
    private double aliveTerminated = 0.10;
    /** Lifecycle: P(alive) below this is decline. */
    private double aliveDecline = 0.50;

    /** A running run whose heartbeat is older than this many minutes is taken as crashed. */
    private int staleMinutes = 15;

    public int getPeriodMonths() { return periodMonths; }
    public void setPeriodMonths(int v) { periodMonths = v; }
    public double getAbcA() { return abcA; }
    public void setAbcA(double v) { abcA = v; }
    public double getAbcB() { return abcB; }
    public void setAbcB(double v) { abcB = v; }
    public double getVipShareOfA() { return vipShareOfA; }
    public void setVipShareOfA(double v) { vipShareOfA = v; }
    public ValueTier getTierA() { return tierA; }
    public void setTierA(ValueTier v) { tierA = v; }
    public ValueTier getTierB() { return tierB; }
    public void setTierB(ValueTier v) { tierB = v; }
    public ValueTier getTierC() { return tierC; }
    public void setTierC(ValueTier v) { tierC = v; }
    public boolean isWriteCustomers() { return writeCustomers; }
    public void setWriteCustomers(boolean v) { writeCustomers = v; }
    public double getMargin() { return margin; }
    public void setMargin(double v) { margin = v; }
    public double getDiscountRate() { return discountRate; }
    public void setDiscountRate(double v) { discountRate = v; }
    public int getHorizonYears() { return horizonYears; }
    public void setHorizonYears(int v) { horizonYears = v; }
    public int getRetentionYears() { return retentionYears; }
    public void setRetentionYears(int v) { retentionYears = v; }
    public double getRetentionFallback() { return retentionFallback; }
    public void setRetentionFallback(double v) { retentionFallback = v; }
    public double getChurnK() { return churnK; }
    public void setChurnK(double v) { churnK = v; }
    public int getTrendDays() { return trendDays; }
    public void setTrendDays(int v) { trendDays = v; }
    public double getSpendDrop() { return spendDrop; }
    public void setSpendDrop(double v) { spendDrop = v; }
    public double getSpendRise() { return spendRise; }
    public void setSpendRise(double v) { spendRise = v; }
    public double getAliveWarning() { return aliveWarning; }
    public void setAliveWarning(double v) { aliveWarning = v; }
    public int getAcquisitionDays() { return acquisitionDays; }
    public void setAcquisitionDays(int v) { acquisitionDays = v; }
    public int getGrowthDays() { return growthDays; }
    public void setGrowthDays(int v) { growthDays = v; }
    public int getTerminatedDays() { return terminatedDays; }
    public void setTerminatedDays(int v) { terminatedDays = v; }
    public double getAliveTerminated() { return aliveTerminated; }
    public void setAliveTerminated(double v) { aliveTerminated = v; }
    public double getAliveDecline() { return aliveDecline; }
    public void setAliveDecline(double v) { aliveDecline = v; }
    public int getStaleMinutes() { return staleMinutes; }
    public void setStaleMinutes(int v) { staleMinutes = v; }
}
