package dev.guanxi.crm.identity;

/** A user as shown in pickers and lists of other modules. */
public record UserSummary(long id, String username, String displayName, Role role, Long teamId, String teamName) {
}
