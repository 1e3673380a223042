package dev.guanxi.crm.support;

import dev.guanxi.crm.identity.CurrentUser;
import dev.guanxi.crm.identity.Role;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.context.SecurityContextHolder;

import java.util.List;
import java.util.Set;

/** Signs a user in on the current thread, for tests that call services directly (no HTTP). */
public final class SignedIn {

    private SignedIn() {
    }

    /** {@code user} is the signed-in user of this thread until {@link #out()}. */
    public static void as(CurrentUser user) {
        SecurityContextHolder.getContext().setAuthentication(UsernamePasswordAuthenticationToken.authenticated(
                (CurrentUser.Holder) () -> user, null, List.of()));
    }

    /** The demo's administrator (id 1). */
    public static void asAdmin() {
        as(new CurrentUser(1, "admin", "Admin", Role.ADMIN, null, Set.of()));
    }

    public static void out() {
        SecurityContextHolder.clearContext();
    }
}
