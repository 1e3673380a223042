package dev.guanxi.crm.customer.internal;

import dev.guanxi.crm.audit.AuditAction;
import dev.guanxi.crm.audit.AuditTrail;
import dev.guanxi.crm.customer.ClassificationAssignment;
import dev.guanxi.crm.customer.LifecycleStage;
import dev.guanxi.crm.customer.ValueTier;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import java.util.LinkedHashMap;
import java.util.Map;

@Component
class JdbcClassificationAssignment implements ClassificationAssignment {

    private final JdbcClient jdbc;
    private final AuditTrail audit;

    JdbcClassificationAssignment(JdbcClient jdbc, AuditTrail audit) {
        this.jdbc = jdbc;
        this.audit = audit;
    }

    @Override
    @Transactional
    public Changes assign(long[] customerIds, ValueTier[] valueTiers, LifecycleStage[] lifecycleStages,
                          String reason) {
        if (customerIds.length != valueTiers.length || customerIds.length != lifecycleStages.length) {
            throw new IllegalArgumentException("ids, tiers and stages must have the same length");
        }
        if (customerIds.length == 0) {
            return new Changes(0, 0);
        }
        Long[] ids = new Long[customerIds.length];
        String[] tiers = new String[customerIds.length];
        String[] stages = new String[customerIds.length];
        for (int i = 0; i < ids.length; i++) {
            ids[i] = customerIds[i];
            tiers[i] = valueTiers[i] == null ? null : valueTiers[i].name();
            stages[i] = lifecycleStages[i] == null ? null : lifecycleStages[i].name();
        }
        Map<String, Object> counts = jdbc.sql("""
                        WITH u AS (
                          SELECT * FROM unnest(CAST(? AS bigint[]), CAST(? AS text[]), CAST(? AS text[])) AS u (id, tier, stage)),
                        d AS (
                          SELECT c.id, u.tier, u.stage,
                            u.tier IS NOT NULL AND c.value_tier IS DISTINCT FROM u.tier AS tier_changed,
                            u.stage IS NOT NULL AND c.lifecycle_stage IS DISTINCT FROM u.stage AS stage_changed
                          FROM customers c JOIN u ON u.id = c.id
                          WHERE c.deleted_at IS NULL),
                        up AS (
                          UPDATE customers c SET
                            value_tier = CASE WHEN d.tier_changed THEN d.tier ELSE c.value_tier END,
                            lifecycle_stage = CASE WHEN d.stage_changed THEN d.stage ELSE c.lifecycle_stage END,
                            version = c.version + 1, updated_at = now()
                          FROM d WHERE c.id = d.id AND (d.tier_changed OR d.stage_changed)
                          RETURNING d.tier_changed, d.stage_changed)
                        SELECT count(*) FILTER (WHERE tier_changed) AS tiers, count(*) FILTER (WHERE stage_changed) AS stages
                        FROM up""")
                .params(ids, tiers, stages).query().singleRow();
        Changes changes = new Changes(((Number) counts.get("tiers")).intValue(),
                ((Number) counts.get("stages")).intValue());
        if (changes.valueTiers() > 0 || changes.lifecycleStages() > 0) {
            Map<String, AuditTrail.Change> fields = new LinkedHashMap<>();
            fields.put("valueTier", new AuditTrail.Change(null, changes.valueTiers() + " customers"));
            fields.put("lifecycleStage", new AuditTrail.Change(null, changes.lifecycleStages() + " customers"));
            audit.record("customer", "*", AuditAction.UPDATE, fields, reason + ": value tier of "
                    + changes.valueTiers() + " and lifecycle stage of " + changes.lifecycleStages() + " customers set");
        }
        return changes;
    }
}
