package dev.guanxi.crm.loyalty;

import java.util.List;
import java.util.Optional;

/**
 * Read access to points and tiers for other modules (no visibility filter: callers label records the user already
 * sees). For SQL-based segments: the current tier is {@code loyalty_members.tier_id} (null: no tier) keyed by
 * {@code customer_id}; tier definitions are in {@code loyalty_tiers} (id, name_en, name_zh, rank, active).
 */
public interface LoyaltyDirectory {

    /** The customer's points balance: the sum of its ledger (0 without entries). */
    long pointsBalance(long customerId);

    /** The customer's current tier, if any. */
    Optional<Tier> currentTier(long customerId);

    /** The active tiers, lowest rank first. */
    List<Tier> tiers();

    record Tier(long id, String nameEn, String nameZh, int rank) {

        /** The name in the given language (Chinese for zh, English otherwise). */
        public String name(java.util.Locale locale) {
            return locale != null && "zh".equals(locale.getLanguage()) ? nameZh : nameEn;
        }
    }
}
