package dev.guanxi.crm.sales.internal;

import dev.guanxi.crm.identity.CurrentUser;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import java.math.BigDecimal;
import java.sql.Date;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/** Opportunities, stage definitions and the stage history. */
@Repository
class Opportunities {

    private static final String COLUMNS = """
            o.id, o.customer_id, o.name, o.amount, o.currency, o.expected_close, o.owner_id, o.team_id,
            o.source_campaign_id, o.stage, o.stage_entered_at, o.loss_reason, o.closed_at, o.created_at, o.version""";

    private final JdbcClient jdbc;

    Opportunities(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    List<Stage> stages() {
        return jdbc.sql("SELECT code, name_en, name_zh, probability, position, outcome FROM opportunity_stages ORDER BY position")
                .query((rs, n) -> new Stage(rs.getString(1), rs.getString(2), rs.getString(3), rs.getInt(4),
                        rs.getInt(5), Stage.Outcome.valueOf(rs.getString(6))))
                .list();
    }

    Map<String, Stage> stagesByCode() {
        return stages().stream().collect(Collectors.toMap(Stage::code, Function.identity(), (a, b) -> a,
                LinkedHashMap::new));
    }

    long insert(OpportunityData d, long ownerId, Long teamId, Stage stage, long userId) {
        long id = jdbc.sql("""
                        INSERT INTO opportunities (customer_id, name, amount, expected_close, owner_id, team_id,
                          source_campaign_id, stage, currency)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id""")
                .params(d.customerId(), d.name().strip(), d.amount(),
                        d.expectedClose() == null ? null : Date.valueOf(d.expectedClose()), ownerId, teamId,
                        d.sourceCampaignId(), stage.code(), d.currencyOrDefault())
                .query(Long.class).single();
        jdbc.sql("INSERT INTO opportunity_stage_changes (opportunity_id, from_stage, to_stage, changed_by) VALUES (?, NULL, ?, ?)")
                .params(id, stage.code(), userId).update();
        return id;
    }

    boolean updateFields(long id, int version, OpportunityData d) {
        return jdbc.sql("""
                        UPDATE opportunities SET name = ?, amount = ?, expected_close = ?, source_campaign_id = ?,
                          currency = ?, version = version + 1, updated_at = now()
                        WHERE id = ? AND version = ?""")
                .params(d.name().strip(), d.amount(), d.expectedClose() == null ? null : Date.valueOf(d.expectedClose()),
                        d.sourceCampaignId(), d.currencyOrDefault(), id, version)
                .update() == 1;
    }

    boolean saveMove(Opportunity o, String fromStage, long secondsInFrom, long userId) {
        boolean updated = jdbc.sql("""
                        UPDATE opportunities SET stage = ?, stage_entered_at = ?, loss_reason = ?, closed_at = ?,
                          version = version + 1, updated_at = now()
                        WHERE id = ? AND version = ?""")
                .params(o.stage().code(), Timestamp.from(o.stageEnteredAt()), o.lossReason(),
                        o.closedAt() == null ? null : Timestamp.from(o.closedAt()), o.id(), o.version())
                .update() == 1;
        if (updated) {
            jdbc.sql("""
                            INSERT INTO opportunity_stage_changes (opportunity_id, from_stage, to_stage, changed_at,
                              changed_by, seconds_in_from) VALUES (?, ?, ?, ?, ?, ?)""")
                    .params(o.id(), fromStage, o.stage().code(), Timestamp.from(o.stageEnteredAt()), userId,
                            secondsInFrom)
                    .update();
        }
        return updated;
    }

    Optional<Opportunity> find(long id, CurrentUser user) {
        CurrentUser.SqlCondition visible = user.visibility("o.owner_id", "o.team_id");
        Map<String, Stage> stages = stagesByCode();
        return jdbc.sql("SELECT " + COLUMNS + " FROM opportunities o WHERE o.id = :id AND " + visible.sql())
                .param("id", id).params(visible.params())
                .query((rs, n) -> map(rs, stages)).optional();
    }

    record Change(String fromStage, String toStage, Instant changedAt, Long changedBy, Long secondsInFrom) {
    }

    List<Change> history(long id) {
        return jdbc.sql("""
                        SELECT from_stage, to_stage, changed_at, changed_by, seconds_in_from
                        FROM opportunity_stage_changes WHERE opportunity_id = ? ORDER BY changed_at, id""")
                .param(id)
                .query((rs, n) -> new Change(rs.getString(1), rs.getString(2), rs.getTimestamp(3).toInstant(),
                        (Long) rs.getObject(4), (Long) rs.getObject(5)))
                .list();
    }

    /** Opportunities matching the filters, visible to the user; {@code stage} null for all stages. */
    List<Opportunity> search(PipelineQuery q, String stage, CurrentUser user, int limit, int offset) {
        Where w = where(q, user, "o");
        if (stage != null) {
            w.conditions.add("o.stage = :stage");
            w.params.put("stage", stage);
        }
        Map<String, Stage> stages = stagesByCode();
        return jdbc.sql("SELECT " + COLUMNS + " FROM opportunities o WHERE " + String.join(" AND ", w.conditions)
                        + " ORDER BY o.expected_close NULLS LAST, o.id DESC LIMIT " + limit + " OFFSET " + offset)
                .params(w.params).query((rs, n) -> map(rs, stages)).list();
    }

    record StageTotals(String stage, long count, BigDecimal amount) {
    }

    List<StageTotals> totalsByStage(PipelineQuery q, CurrentUser user) {
        Where w = where(q, user, "o");
        return jdbc.sql("SELECT o.stage, count(*), coalesce(sum(o.amount), 0) FROM opportunities o WHERE "
                        + String.join(" AND ", w.conditions) + " GROUP BY o.stage")
                .params(w.params)
                .query((rs, n) -> new StageTotals(rs.getString(1), rs.getLong(2), rs.getBigDecimal(3))).list();
    }

    /**
     * The filtered opportunities grouped by current and furthest stage (kept by a trigger on the stage changes,
     * migration V9_0), with counts, amounts and the time from creation to closing: one scan for the funnel's totals,
     * "reached" counts and average cycle.
     */
    record StageFigures(String stage, String furthestStage, long count, BigDecimal amount, double closedSeconds,
                        long closed) {
    }

    List<StageFigures> stageFigures(PipelineQuery q, CurrentUser user) {
        Where w = where(q, user, "o");
        return jdbc.sql("SELECT o.stage, o.furthest_stage, count(*), coalesce(sum(o.amount), 0), "
                        + "coalesce(sum(extract(epoch FROM o.closed_at - o.created_at)), 0), count(o.closed_at) "
                        + "FROM opportunities o WHERE " + String.join(" AND ", w.conditions)
                        + " GROUP BY o.stage, o.furthest_stage")
                .params(w.params)
                .query((rs, n) -> new StageFigures(rs.getString(1), rs.getString(2), rs.getLong(3),
                        rs.getBigDecimal(4), rs.getDouble(5), rs.getLong(6)))
                .list();
    }

    /** Average days spent in each stage, from the stage changes out of it. */
    Map<String, Double> averageDaysInStage(PipelineQuery q, CurrentUser user) {
        Where w = where(q, user, "o");
        Map<String, Double> days = new LinkedHashMap<>();
        jdbc.sql("SELECT c.from_stage, avg(c.seconds_in_from) / 86400.0 FROM opportunity_stage_changes c "
                        + "JOIN opportunities o ON o.id = c.opportunity_id WHERE c.from_stage IS NOT NULL AND "
                        + String.join(" AND ", w.conditions) + " GROUP BY c.from_stage")
                .params(w.params).query(rs -> { days.put(rs.getString(1), rs.getDouble(2)); });
        return days;
    }

    List<Forecast.Month> forecast(PipelineQuery q, CurrentUser user, int commitProbability) {
        Where w = where(q, user, "o");
        w.params.put("commit", commitProbability);
        return jdbc.sql("""
                        SELECT date_trunc('month', o.expected_close)::date AS month, count(*),
                               sum(o.amount),
                               coalesce(sum(o.amount) FILTER (WHERE s.probability >= :commit), 0),
                               sum(o.amount * s.probability / 100.0)
                        FROM opportunities o JOIN opportunity_stages s ON s.code = o.stage AND s.outcome = 'OPEN'
                        WHERE """ + " " + String.join(" AND ", w.conditions) + " " + """
                        GROUP BY 1 ORDER BY 1 NULLS LAST""")
                .params(w.params)
                .query((rs, n) -> new Forecast.Month(rs.getDate(1) == null ? null
                        : java.time.YearMonth.from(rs.getDate(1).toLocalDate()), rs.getLong(2),
                        rs.getBigDecimal(3), rs.getBigDecimal(4),
                        rs.getBigDecimal(5).setScale(2, java.math.RoundingMode.HALF_UP)))
                .list();
    }

    private static final class Where {
        final List<String> conditions = new ArrayList<>();
        final Map<String, Object> params = new LinkedHashMap<>();
    }

    private static Where where(PipelineQuery q, CurrentUser user, String alias) {
        Where w = new Where();
        CurrentUser.SqlCondition visible = user.visibility(alias + ".owner_id", alias + ".team_id");
        w.conditions.add(visible.sql());
        w.params.putAll(visible.params());
        if (q.ownerId() != null) {
            w.conditions.add(alias + ".owner_id = :ownerId");
            w.params.put("ownerId", q.ownerId());
        }
        if (q.teamId() != null) {
            w.conditions.add(alias + ".team_id = :teamId");
            w.params.put("teamId", q.teamId());
        }
        if (q.customerId() != null) {
            w.conditions.add(alias + ".customer_id = :customerId");
            w.params.put("customerId", q.customerId());
        }
        if (q.from() != null) {
            w.conditions.add(alias + ".created_at >= :from");
            w.params.put("from", Date.valueOf(q.from()));
        }
        if (q.to() != null) {
            w.conditions.add(alias + ".created_at < :to");
            w.params.put("to", Date.valueOf(q.to().plusDays(1)));
        }
        return w;
    }

    private static Opportunity map(ResultSet rs, Map<String, Stage> stages) throws SQLException {
        Date close = rs.getDate("expected_close");
        Timestamp closed = rs.getTimestamp("closed_at");
        return new Opportunity(rs.getLong("id"), rs.getLong("customer_id"), rs.getString("name"),
                rs.getBigDecimal("amount"), rs.getString("currency"), close == null ? null : close.toLocalDate(),
                rs.getLong("owner_id"), (Long) rs.getObject("team_id"), (Long) rs.getObject("source_campaign_id"),
                stages.get(rs.getString("stage")), rs.getTimestamp("stage_entered_at").toInstant(),
                rs.getString("loss_reason"), closed == null ? null : closed.toInstant(),
                rs.getTimestamp("created_at").toInstant(), rs.getInt("version"));
    }
}
