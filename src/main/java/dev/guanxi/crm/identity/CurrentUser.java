package dev.guanxi.crm.identity;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;

import java.io.Serializable;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The signed-in user as other modules see it: who they are, what they may do, and which records they see.
 *
 * Serializable because it is part of the signed-in principal, which the HTTP session (stored in PostgreSQL) holds.
 *
 * @param visibleTeamIds teams whose records this user sees: their own team, plus the teams they manage
 */
public record CurrentUser(long id, String username, String displayName, Role role, Long teamId,
                          Set<Long> visibleTeamIds) implements Serializable {

    /** Implemented by the principal objects of every authentication this application creates. */
    public interface Holder {
        CurrentUser currentUser();
    }

    public CurrentUser {
        visibleTeamIds = Set.copyOf(visibleTeamIds);
    }

    public boolean can(Permission permission) {
        return role.permissions().contains(permission);
    }

    /** True when this user sees every record regardless of owner and team. */
    public boolean seesAll() {
        return can(Permission.VIEW_ALL_CUSTOMERS);
    }

    /** Whether a record owned by {@code ownerId} in team {@code teamId} is visible to this user. */
    public boolean canSee(long ownerId, Long recordTeamId) {
        return seesAll() || ownerId == id || (recordTeamId != null && visibleTeamIds.contains(recordTeamId));
    }

    /** Whether this user may make {@code candidate} the owner of a record: anyone for admins, their teams otherwise. */
    public boolean mayAssignTo(UserSummary candidate) {
        return role == Role.ADMIN || seesAll() || candidate.id() == id
                || (candidate.teamId() != null && visibleTeamIds.contains(candidate.teamId()));
    }

    /**
     * A SQL condition (with named parameters {@code visMe}, {@code visTeams}) that keeps the rows this user may
     * see, for a table with the given owner and team columns; {@code TRUE} for users who see everything.
     */
    public SqlCondition visibility(String ownerColumn, String teamColumn) {
        if (seesAll()) {
            return new SqlCondition("TRUE", Map.of());
        }
        if (visibleTeamIds.isEmpty()) {
            return new SqlCondition(ownerColumn + " = :visMe", Map.of("visMe", id));
        }
        return new SqlCondition("(" + ownerColumn + " = :visMe OR " + teamColumn + " IN (:visTeams))",
                Map.of("visMe", id, "visTeams", visibleTeamIds));
    }

    /** A fixed SQL fragment and its named parameters (values are always bound, never concatenated). */
    public record SqlCondition(String sql, Map<String, Object> params) {
    }

    public static Optional<CurrentUser> find() {
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        if (auth != null && auth.getPrincipal() instanceof Holder holder) {
            return Optional.of(holder.currentUser());
        }
        return Optional.empty();
    }

    /** The signed-in user; fails when called outside an authenticated request (a programming error). */
    public static CurrentUser get() {
        return find().orElseThrow(() -> new IllegalStateException("No signed-in user"));
    }
}
