package dev.guanxi.crm.analytics.internal;

/**
 * Named RFM segments from the recency (R) and frequency (F) scores, first matching rule wins (every one of the 25
 * R×F cells has exactly one segment):
 * <ol>
 * <li>CHAMPIONS: R ≥ 4 and F ≥ 4</li>
 * <li>LOYAL: R ≥ 3 and F ≥ 3</li>
 * <li>NEW: R ≥ 4 and F = 1</li>
 * <li>POTENTIAL_LOYALIST: R ≥ 3 (and F ≤ 2)</li>
 * <li>CANT_LOSE: R = 1 and F ≥ 4</li>
 * <li>AT_RISK: R ≤ 2 and F ≥ 3</li>
 * <li>HIBERNATING: R = 2 (and F ≤ 2)</li>
 * <li>LOST: R = 1 and F ≤ 2</li>
 * </ol>
 * Labels: {@code enum.RfmSegment.*} in i18n/analytics.properties.
 */
public enum RfmSegment {
    CHAMPIONS, LOYAL, POTENTIAL_LOYALIST, NEW, AT_RISK, CANT_LOSE, HIBERNATING, LOST;

    public static RfmSegment of(int r, int f) {
        if (r >= 4 && f >= 4) {
            return CHAMPIONS;
        }
        if (r >= 3 && f >= 3) {
            return LOYAL;
        }
        if (r >= 4 && f == 1) {
            return NEW;
        }
        if (r >= 3) {
            return POTENTIAL_LOYALIST;
        }
        if (r == 1 && f >= 4) {
            return CANT_LOSE;
        }
        if (f >= 3) {
            return AT_RISK;
        }
        return r == 2 ? HIBERNATING : LOST;
    }
}
