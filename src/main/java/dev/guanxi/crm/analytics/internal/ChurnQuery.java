package dev.guanxi.crm.analytics.internal;

/**
 * Filters and order of the churn-risk list (page and API bind the same names). Text on purpose: every value is
 * checked in {@link ScoreQueries#churn} and a bad one is a 400 naming the parameter.
 */
public class ChurnQuery {

    private String reason;
    private String segment;
    private String abcClass;
    private Long ownerId;
    private Long teamId;
    private String sort;

    public String getReason() { return reason; }
    public void setReason(String reason) { this.reason = reason; }
    public String getSegment() { return segment; }
    public void setSegment(String segment) { this.segment = segment; }
    public String getAbcClass() { return abcClass; }
    public void setAbcClass(String abcClass) { this.abcClass = abcClass; }
    public Long getOwnerId() { return ownerId; }
    public void setOwnerId(Long ownerId) { this.ownerId = ownerId; }
    public Long getTeamId() { return teamId; }
    public void setTeamId(Long teamId) { this.teamId = teamId; }
    public String getSort() { return sort; }
    public void setSort(String sort) { this.sort = sort; }
}
