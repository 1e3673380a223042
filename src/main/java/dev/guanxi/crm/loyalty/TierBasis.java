package dev.guanxi.crm.loyalty;

/** What a tier's threshold measures within its rolling period; labels are enum.TierBasis.* in i18n/loyalty. */
public enum TierBasis {
    /** Amount paid (refunds deducted). */
    SPEND,
    /** Points earned (reversals deducted; redemptions and expiry do not count). */
    POINTS
}
