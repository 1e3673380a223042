package dev.guanxi.crm.analytics.internal;

import dev.guanxi.crm.identity.CurrentUser;
import dev.guanxi.crm.identity.Role;
import org.springframework.security.access.AccessDeniedException;

import java.util.Set;

/** Who may start basket mining runs: managers, analysts and administrators (everyone signed in may read rules). */
public final class BasketAccess {

    private static final Set<Role> RUNNERS = Set.of(Role.MANAGER, Role.ANALYST, Role.ADMIN);

    private BasketAccess() {
    }

    public static boolean mayRun(CurrentUser user) {
        return RUNNERS.contains(user.role());
    }

    public static void checkMayRun(CurrentUser user) {
        if (!mayRun(user)) {
            throw new AccessDeniedException("Role " + user.role() + " may not start basket mining runs");
        }
    }
}
