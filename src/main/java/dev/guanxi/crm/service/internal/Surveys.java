package dev.guanxi.crm.service.internal;

import dev.guanxi.crm.identity.CurrentUser;
import dev.guanxi.crm.service.SatisfactionScores;
import dev.guanxi.crm.service.TicketClosed;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Survey campaigns, invitations and answers in PostgreSQL. */
@Repository
class Surveys {

    private static final String INVITATION = """
            id, kind, campaign_id, ticket_id, customer_id, agent_id, team_id, language, expires_at, mail_status,
            created_at, score, comment, answered_at""";
    private static final String CAMPAIGN = """
            id, name, language, filters::text AS filters, expiry_days, created_by, created_at, sent_at, invited, version""";

    private final JdbcClient jdbc;

    Surveys(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The ticket's CSAT invitation; empty when the ticket already has one (the event came again). */
    Optional<Long> insertCsat(TicketClosed e, String language, Instant expiresAt) {
        return jdbc.sql("""
                        INSERT INTO survey_invitations (kind, ticket_id, customer_id, contact_id, agent_id, team_id,
                          language, expires_at)
                        VALUES ('CSAT', ?, ?, ?, ?, ?, ?, ?)
                        ON CONFLICT (ticket_id) WHERE ticket_id IS NOT NULL DO NOTHING RETURNING id""")
                .params(e.ticketId(), e.customerId(), e.contactId(), e.agentId(), e.teamId(), language,
                        Timestamp.from(expiresAt))
                .query(Long.class).optional();
    }

    long insertCampaign(String name, String language, String filtersJson, int expiryDays, long createdBy, Long teamId) {
        return jdbc.sql("""
                        INSERT INTO survey_campaigns (name, language, filters, expiry_days, created_by, team_id)
                        VALUES (?, ?, ?::jsonb, ?, ?, ?) RETURNING id""")
                .params(name, language, filtersJson, expiryDays, createdBy, teamId).query(Long.class).single();
    }

    /** Marks the campaign sent when it was not yet and still has {@code version}; false otherwise. */
    boolean markSent(long campaignId, int version) {
        return jdbc.sql("""
                        UPDATE survey_campaigns SET sent_at = now(), version = version + 1
                        WHERE id = ? AND version = ? AND sent_at IS NULL""")
                .params(campaignId, version).update() == 1;
    }

    void setInvited(long campaignId, int invited) {
        jdbc.sql("UPDATE survey_campaigns SET invited = ? WHERE id = ?").params(invited, campaignId).update();
    }

    /** NPS invitations for the given customers (the campaign's creator and team see them); returns how many are new. */
    int insertNps(long campaignId, Collection<Long> customerIds, String language, Instant expiresAt, long agentId,
                  Long teamId) {
        if (customerIds.isEmpty()) {
            return 0;
        }
        return jdbc.sql("""
                        INSERT INTO survey_invitations (kind, campaign_id, customer_id, agent_id, team_id, language,
                          expires_at)
                        SELECT 'NPS', :campaign, c, :agent, :team, :language, :expires FROM unnest(string_to_array(:ids, ',')::bigint[]) AS c
                        ON CONFLICT (campaign_id, customer_id) WHERE campaign_id IS NOT NULL DO NOTHING""")
                .param("campaign", campaignId).param("agent", agentId).param("team", teamId)
                .param("language", language).param("expires", Timestamp.from(expiresAt))
                .param("ids", customerIds.stream().map(String::valueOf).collect(java.util.stream.Collectors.joining(",")))
                .update();
    }

    Optional<SurveyInvitation> find(long id) {
        return jdbc.sql("SELECT " + INVITATION + " FROM survey_invitations WHERE id = ?").param(id)
                .query(Surveys::invitation).optional();
    }

    Optional<SurveyInvitation> findVisible(long id, CurrentUser user) {
        CurrentUser.SqlCondition visible = user.visibility("agent_id", "team_id");
        return jdbc.sql("SELECT " + INVITATION + " FROM survey_invitations WHERE id = :id AND " + visible.sql())
                .param("id", id).params(visible.params()).query(Surveys::invitation).optional();
    }

    /** Stores the one answer of an open, unexpired invitation; false when it was answered or expired meanwhile. */
    boolean answer(long id, int score, String comment, Instant at) {
        return jdbc.sql("""
                        UPDATE survey_invitations SET score = ?, comment = ?, answered_at = ?
                        WHERE id = ? AND answered_at IS NULL AND expires_at > ?""")
                .params(score, comment, Timestamp.from(at), id, Timestamp.from(at)).update() == 1;
    }

    /** Claims invitations still to be e-mailed; rows another instance holds are skipped. */
    List<SurveyInvitation> claimUnsent(int limit) {
        return jdbc.sql("SELECT " + INVITATION + " FROM survey_invitations WHERE mail_status = 'PENDING' "
                        + "AND answered_at IS NULL AND expires_at > now() ORDER BY id LIMIT ? FOR UPDATE SKIP LOCKED")
                .param(limit).query(Surveys::invitation).list();
    }

    void setMailStatus(Collection<Long> ids, String status) {
        if (!ids.isEmpty()) {
            jdbc.sql("UPDATE survey_invitations SET mail_status = :status WHERE id IN (:ids)")
                    .param("status", status).param("ids", Set.copyOf(ids)).update();
        }
    }

    record Query(SurveyKind kind, Long campaignId, Long customerId, Boolean answered) {
    }

    List<SurveyInvitation> search(Query q, CurrentUser user, int limit, int offset) {
        CurrentUser.SqlCondition visible = user.visibility("agent_id", "team_id");
        List<String> where = new ArrayList<>(List.of(visible.sql()));
        Map<String, Object> params = new LinkedHashMap<>(visible.params());
        if (q.kind() != null) {
            where.add("kind = :kind");
            params.put("kind", q.kind().name());
        }
        if (q.campaignId() != null) {
            where.add("campaign_id = :campaign");
            params.put("campaign", q.campaignId());
        }
        if (q.customerId() != null) {
            where.add("customer_id = :customer");
            params.put("customer", q.customerId());
        }
        if (q.answered() != null) {
            where.add(q.answered() ? "answered_at IS NOT NULL" : "answered_at IS NULL");
        }
        return jdbc.sql("SELECT " + INVITATION + " FROM survey_invitations WHERE " + String.join(" AND ", where)
                        + " ORDER BY created_at DESC, id DESC LIMIT " + limit + " OFFSET " + offset)
                .params(params).query(Surveys::invitation).list();
    }

    Optional<SurveyCampaign> campaign(long id) {
        return jdbc.sql("SELECT " + CAMPAIGN + " FROM survey_campaigns WHERE id = ?").param(id)
                .query(Surveys::campaign).optional();
    }

    List<SurveyCampaign> campaigns(int limit, int offset) {
        return jdbc.sql("SELECT " + CAMPAIGN + " FROM survey_campaigns ORDER BY created_at DESC, id DESC LIMIT ? OFFSET ?")
                .params(limit, offset).query(Surveys::campaign).list();
    }

    /** The latest answer of each customer of a kind. */
    Map<Long, SatisfactionScores.Score> latest(SurveyKind kind, Collection<Long> customerIds) {
        Map<Long, SatisfactionScores.Score> scores = new HashMap<>();
        if (!customerIds.isEmpty()) {
            jdbc.sql("""
                            SELECT DISTINCT ON (customer_id) customer_id, score, answered_at FROM survey_invitations
                            WHERE kind = :kind AND customer_id IN (:ids) AND answered_at IS NOT NULL
                            ORDER BY customer_id, answered_at DESC, id DESC""")
                    .param("kind", kind.name()).param("ids", Set.copyOf(customerIds))
                    .query(rs -> {
                        scores.put(rs.getLong(1), new SatisfactionScores.Score(rs.getInt(2),
                                rs.getTimestamp(3).toInstant()));
                    });
        }
        return scores;
    }

    private static SurveyInvitation invitation(ResultSet rs, int n) throws SQLException {
        return new SurveyInvitation(rs.getLong("id"), SurveyKind.valueOf(rs.getString("kind")),
                (Long) rs.getObject("campaign_id"), (Long) rs.getObject("ticket_id"), rs.getLong("customer_id"), null,
                (Long) rs.getObject("agent_id"), (Long) rs.getObject("team_id"), rs.getString("language"),
                Returns.instant(rs, "expires_at"), rs.getString("mail_status"), Returns.instant(rs, "created_at"),
                (Integer) rs.getObject("score"), rs.getString("comment"), Returns.instant(rs, "answered_at"));
    }

    private static SurveyCampaign campaign(ResultSet rs, int n) throws SQLException {
        return new SurveyCampaign(rs.getLong("id"), rs.getString("name"), rs.getString("language"),
                rs.getString("filters"), rs.getInt("expiry_days"), rs.getLong("created_by"),
                Returns.instant(rs, "created_at"), Returns.instant(rs, "sent_at"), rs.getInt("invited"),
                rs.getInt("version"));
    }
}
