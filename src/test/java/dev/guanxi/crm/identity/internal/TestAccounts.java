package dev.guanxi.crm.identity.internal;

import dev.guanxi.crm.identity.Role;
import dev.guanxi.crm.identity.UserAdministration;
import org.springframework.context.ApplicationContext;

import java.util.concurrent.atomic.AtomicInteger;

/** Creates users, teams and API tokens for tests; names are unique so tests can share one database. */
public final class TestAccounts {

    public static final String PASSWORD = "test-password-123";
    private static final AtomicInteger SEQ = new AtomicInteger();
    private static final String RUN = Long.toString(System.nanoTime() % 1_000_000, 36);

    public record Account(long id, String username, String token, Long teamId) {
    }

    private final UserAdministration users;
    private final ApiTokens tokens;

    public TestAccounts(ApplicationContext context) {
        this.users = context.getBean(UserAdministration.class);
        this.tokens = context.getBean(ApiTokens.class);
    }

    public long team(String name) {
        return users.createTeam(name + "-" + RUN + "-" + SEQ.incrementAndGet());
    }

    public Account user(Role role, Long teamId) {
        return user(role, teamId, null);
    }

    public Account user(Role role, Long teamId, String displayName) {
        String username = role.name().toLowerCase() + "." + RUN + "." + SEQ.incrementAndGet();
        long id = users.createUser(new UserAdministration.NewUser(username,
                displayName == null ? "Test " + username : displayName, null, PASSWORD, role, teamId));
        return new Account(id, username, tokens.create(id, "test").token(), teamId);
    }

    public Account manager(long teamId) {
        Account manager = user(Role.MANAGER, teamId);
        users.setTeamManager(teamId, manager.id());
        return manager;
    }
}
