package dev.guanxi.crm.loyalty;

/** Kinds of points ledger entries; labels are enum.PointsEntryKind.* in i18n/loyalty. */
public enum PointsEntryKind {
    /** Points earned on a payment (a lot that expires). */
    EARN,
    /** Points spent on a reward or discount. */
    REDEEM,
    /** What remained of a lot when it expired. */
    EXPIRE,
    /** A manual correction, with a reason; positive adjustments are lots that expire like earned points. */
    ADJUST,
    /** Points taken back for a refund, proportionally to the refunded amount. */
    REVERSAL
}
