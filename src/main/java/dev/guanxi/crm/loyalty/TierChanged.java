package dev.guanxi.crm.loyalty;

/**
 * A customer moved to another member tier (会员等级). Published once per change, after the change is stored.
 *
 * @param fromTierId null when the customer had no tier
 * @param toTierId   null when the customer qualifies for no tier any more
 * @param cause      PAYMENT (evaluated on a payment) or NIGHTLY (the nightly re-evaluation)
 */
public record TierChanged(long customerId, Long fromTierId, Long toTierId, String cause) {
}
