package dev.guanxi.crm.identity.internal;

import dev.guanxi.crm.identity.CurrentUser;
import dev.guanxi.crm.identity.Role;
import dev.guanxi.crm.identity.TeamSummary;
import dev.guanxi.crm.identity.UserAdministration;
import dev.guanxi.crm.identity.UserDirectory;
import dev.guanxi.crm.identity.UserSummary;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Users and teams in PostgreSQL. */
@Component
class JdbcUsers implements UserDirectory, UserAdministration {

    private static final String SUMMARY_SQL = """
            SELECT u.id, u.username, u.display_name, u.role, u.team_id, t.name AS team_name
            FROM users u LEFT JOIN teams t ON t.id = u.team_id""";

    private final JdbcClient jdbc;
    private final PasswordEncoder passwordEncoder;

    JdbcUsers(JdbcClient jdbc, PasswordEncoder passwordEncoder) {
        this.jdbc = jdbc;
        this.passwordEncoder = passwordEncoder;
    }

    @Override
    public List<UserSummary> activeUsers() {
        return jdbc.sql(SUMMARY_SQL + " WHERE u.enabled ORDER BY u.display_name").query(JdbcUsers::summary).list();
    }

    @Override
    public Optional<UserSummary> find(long userId) {
        return jdbc.sql(SUMMARY_SQL + " WHERE u.id = ?").param(userId).query(JdbcUsers::summary).optional();
    }

    @Override
    public Map<Long, String> displayNames(Collection<Long> userIds) {
        Map<Long, String> names = new HashMap<>();
        if (!userIds.isEmpty()) {
            jdbc.sql("SELECT id, display_name FROM users WHERE id IN (:ids)").param("ids", Set.copyOf(userIds))
                    .query(rs -> { names.put(rs.getLong(1), rs.getString(2)); });
        }
        return names;
    }

    @Override
    public List<TeamSummary> teams() {
        return jdbc.sql("SELECT id, name, manager_id FROM teams ORDER BY name")
                .query((rs, n) -> new TeamSummary(rs.getLong(1), rs.getString(2), (Long) rs.getObject(3))).list();
    }

    @Override
    public Map<Long, String> teamNames(Collection<Long> teamIds) {
        Map<Long, String> names = new HashMap<>();
        if (!teamIds.isEmpty()) {
            jdbc.sql("SELECT id, name FROM teams WHERE id IN (:ids)").param("ids", Set.copyOf(teamIds))
                    .query(rs -> { names.put(rs.getLong(1), rs.getString(2)); });
        }
        return names;
    }

    @Override
    @Transactional
    public long createTeam(String name) {
        return jdbc.sql("INSERT INTO teams (name) VALUES (?) RETURNING id").param(name).query(Long.class).single();
    }

    @Override
    @Transactional
    public void setTeamManager(long teamId, long managerUserId) {
        jdbc.sql("UPDATE teams SET manager_id = ? WHERE id = ?").params(managerUserId, teamId).update();
    }

    @Override
    @Transactional
    public long createUser(NewUser user) {
        return jdbc.sql("""
                        INSERT INTO users (username, display_name, email, password_hash, role, team_id)
                        VALUES (?, ?, ?, ?, ?, ?) RETURNING id""")
                .params(user.username(), user.displayName(), user.email(), passwordEncoder.encode(user.rawPassword()),
                        user.role().name(), user.teamId())
                .query(Long.class).single();
    }

    @Override
    public boolean hasUsers() {
        return jdbc.sql("SELECT EXISTS (SELECT 1 FROM users)").query(Boolean.class).single();
    }

    /** Loads a user with everything the principal needs; empty when unknown. */
    Optional<UserAccount> account(String usernameOrNull, Long idOrNull) {
        String where = usernameOrNull != null ? "lower(u.username) = lower(?)" : "u.id = ?";
        Object key = usernameOrNull != null ? usernameOrNull : idOrNull;
        return jdbc.sql("SELECT " + ACCOUNT_COLUMNS + " FROM users u WHERE " + where)
                .param(key)
                .query((rs, n) -> account(rs))
                .optional();
    }

    /** The columns {@link #account(ResultSet)} reads, of {@code users u}. */
    static final String ACCOUNT_COLUMNS = """
            u.id, u.username, u.display_name, u.role, u.team_id, u.password_hash, u.enabled, u.locked_until,
            ARRAY(SELECT t.id FROM teams t WHERE t.manager_id = u.id) AS managed""";

    /** A user's account from a row with {@link #ACCOUNT_COLUMNS}. */
    static UserAccount account(java.sql.ResultSet rs) throws java.sql.SQLException {
        Set<Long> teams = new HashSet<>();
        Long teamId = (Long) rs.getObject("team_id");
        if (teamId != null) {
            teams.add(teamId);
        }
        for (Long managed : (Long[]) rs.getArray("managed").getArray()) {
            teams.add(managed);
        }
        Timestamp lockedUntil = rs.getTimestamp("locked_until");
        boolean nonLocked = lockedUntil == null || lockedUntil.toInstant().isBefore(Instant.now());
        CurrentUser user = new CurrentUser(rs.getLong("id"), rs.getString("username"),
                rs.getString("display_name"), Role.valueOf(rs.getString("role")), teamId, teams);
        return new UserAccount(user, rs.getString("password_hash"), rs.getBoolean("enabled"), nonLocked);
    }

    void recordFailedLogin(String username, int maxFailures, int lockoutMinutes) {
        jdbc.sql("""
                        UPDATE users SET failed_logins = failed_logins + 1,
                          locked_until = CASE WHEN failed_logins + 1 >= ? THEN now() + make_interval(mins => ?)
                                              ELSE locked_until END
                        WHERE lower(username) = lower(?)""")
                .params(maxFailures, lockoutMinutes, username).update();
    }

    void recordSuccessfulLogin(String username) {
        jdbc.sql("UPDATE users SET failed_logins = 0, locked_until = NULL WHERE lower(username) = lower(?) AND failed_logins > 0")
                .param(username).update();
    }

    private static UserSummary summary(ResultSet rs, int n) throws SQLException {
        return new UserSummary(rs.getLong("id"), rs.getString("username"), rs.getString("display_name"),
                Role.valueOf(rs.getString("role")), (Long) rs.getObject("team_id"), rs.getString("team_name"));
    }
}
