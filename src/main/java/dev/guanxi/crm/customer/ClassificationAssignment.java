package dev.guanxi.crm.customer;

/**
 * Set-based writes of computed classifications (value tier from ABC analysis, lifecycle stage) into the customer
 * records, for a whole scoring run at once: one statement, changed records only (their version goes up, so a form
 * opened before reports a conflict instead of writing the old value back), one summary entry in the audit log.
 * Runs in the caller's transaction and needs no signed-in user (a nightly job is "system").
 */
public interface ClassificationAssignment {

    /**
     * @param customerIds     the customers, each at most once
     * @param valueTiers      the new tier per customer (same index), null to leave a customer's tier as it is
     * @param lifecycleStages the new stage per customer (same index), null to leave it as it is
     * @param reason          what set them, for the audit entry, e.g. "scoring run 42"
     * @return how many records changed their tier and their stage; deleted customers are left alone
     */
    Changes assign(long[] customerIds, ValueTier[] valueTiers, LifecycleStage[] lifecycleStages, String reason);

    record Changes(int valueTiers, int lifecycleStages) {
    }
}
