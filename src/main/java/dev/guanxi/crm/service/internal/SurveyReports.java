package dev.guanxi.crm.service.internal;

import dev.guanxi.crm.common.InvalidInputException;
import dev.guanxi.crm.identity.CurrentUser;
import dev.guanxi.crm.identity.UserDirectory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * CSAT per agent, team, week or month and NPS per campaign and month, over the answers the user may see (by the
 * invitation's agent and team). Counts come from SQL; the maths is {@link SurveyMath}.
 */
@Service
public class SurveyReports {

    private final JdbcClient jdbc;
    private final UserDirectory users;
    private final ZoneId zone;

    SurveyReports(JdbcClient jdbc, UserDirectory users, @Value("${guanxi.activity.zone:Asia/Shanghai}") ZoneId zone) {
        this.jdbc = jdbc;
        this.users = users;
        this.zone = zone;
    }

    public enum CsatGroup {
        AGENT("agent_id::text"), TEAM("team_id::text"),
        WEEK("to_char(date_trunc('week', answered_at AT TIME ZONE :zone), 'YYYY-MM-DD')"),
        MONTH("to_char(date_trunc('month', answered_at AT TIME ZONE :zone), 'YYYY-MM')");

        private final String sql;

        CsatGroup(String sql) {
            this.sql = sql;
        }
    }

    public record CsatRow(String key, String label, SurveyMath.Csat csat) {
    }

    public record NpsRow(String key, String label, SurveyMath.Nps nps) {
    }

    /** The whole period's CSAT and NPS, and the rows per group. */
    public record Report(LocalDate from, LocalDate to, CsatGroup by, SurveyMath.Csat csat, SurveyMath.Nps nps,
                         List<CsatRow> csatRows, List<NpsRow> npsByCampaign, List<NpsRow> npsTrend) {
    }

    @Transactional(readOnly = true)
    public Report report(LocalDate from, LocalDate to, CsatGroup by) {
        LocalDate end = to == null ? LocalDate.now(zone) : to;
        LocalDate start = from == null ? end.minusMonths(12).withDayOfMonth(1) : from;
        if (start.isAfter(end)) {
            throw new InvalidInputException("from", "survey.validation.period");
        }
        CsatGroup group = by == null ? CsatGroup.MONTH : by;
        Map<String, long[]> csat = counts(SurveyKind.CSAT, group.sql, start, end);
        Map<String, long[]> byCampaign = counts(SurveyKind.NPS, "campaign_id::text", start, end);
        Map<String, long[]> npsMonths = counts(SurveyKind.NPS, CsatGroup.MONTH.sql, start, end);
        Map<String, String> csatLabels = labels(group, csat.keySet());
        Map<String, String> campaignNames = campaignNames(byCampaign.keySet());
        List<CsatRow> csatRows = new ArrayList<>();
        csat.forEach((k, d) -> csatRows.add(new CsatRow(k, csatLabels.getOrDefault(k, k), SurveyMath.csat(d))));
        return new Report(start, end, group, SurveyMath.csat(sum(csat.values(), 5)),
                SurveyMath.nps(sum(npsMonths.values(), 11)), csatRows,
                rows(byCampaign, k -> campaignNames.getOrDefault(k, k)), rows(npsMonths, Function.identity()));
    }

    /** NPS of one campaign over all its answers the user may see. */
    @Transactional(readOnly = true)
    public SurveyMath.Nps campaign(long campaignId) {
        CurrentUser.SqlCondition visible = CurrentUser.get().visibility("agent_id", "team_id");
        long[] counts = new long[11];
        jdbc.sql("SELECT score, count(*) FROM survey_invitations WHERE campaign_id = :c AND answered_at IS NOT NULL AND "
                        + visible.sql() + " GROUP BY score")
                .param("c", campaignId).params(visible.params())
                .query(rs -> {
                    counts[rs.getInt(1)] = rs.getLong(2);
                });
        return SurveyMath.nps(counts);
    }

    private static List<NpsRow> rows(Map<String, long[]> counts, Function<String, String> label) {
        List<NpsRow> rows = new ArrayList<>();
        counts.forEach((k, d) -> rows.add(new NpsRow(k, label.apply(k), SurveyMath.nps(d))));
        return rows;
    }

    /** Answers per group key and score, in key order; a null key (no agent, no team) is "-". */
    private Map<String, long[]> counts(SurveyKind kind, String key, LocalDate from, LocalDate to) {
        CurrentUser.SqlCondition visible = CurrentUser.get().visibility("agent_id", "team_id");
        Map<String, long[]> counts = new LinkedHashMap<>();
        jdbc.sql("SELECT coalesce(" + key + ", '-') AS k, score, count(*) FROM survey_invitations "
                        + "WHERE kind = :kind AND answered_at >= :from AND answered_at < :to AND " + visible.sql()
                        + " GROUP BY 1, 2 ORDER BY 1, 2")
                .param("kind", kind.name()).param("zone", zone.getId())
                .param("from", Timestamp.from(from.atStartOfDay(zone).toInstant()))
                .param("to", Timestamp.from(to.plusDays(1).atStartOfDay(zone).toInstant()))
                .params(visible.params())
                .query(rs -> {
                    counts.computeIfAbsent(rs.getString(1), k -> new long[kind.max() - kind.min() + 1])
                            [rs.getInt(2) - kind.min()] = rs.getLong(3);
                });
        return counts;
    }

    private static long[] sum(Collection<long[]> rows, int length) {
        long[] total = new long[length];
        rows.forEach(r -> {
            for (int i = 0; i < length; i++) {
                total[i] += r[i];
            }
        });
        return total;
    }

    private Map<String, String> labels(CsatGroup group, Collection<String> keys) {
        List<Long> ids = keys.stream().filter(k -> k.matches("\\d+")).map(Long::valueOf).toList();
        Map<Long, String> names = switch (group) {
            case AGENT -> users.displayNames(ids);
            case TEAM -> users.teamNames(ids);
            default -> Map.of();
        };
        Map<String, String> labels = new LinkedHashMap<>();
        names.forEach((id, name) -> labels.put(id.toString(), name));
        return labels;
    }

    private Map<String, String> campaignNames(Collection<String> keys) {
        Map<String, String> names = new LinkedHashMap<>();
        List<Long> ids = keys.stream().filter(k -> k.matches("\\d+")).map(Long::valueOf).toList();
        if (!ids.isEmpty()) {
            jdbc.sql("SELECT id, name FROM survey_campaigns WHERE id IN (:ids)").param("ids", ids)
                    .query(rs -> {
                        names.put(rs.getString(1), rs.getString(2));
                    });
        }
        return names;
    }
}
