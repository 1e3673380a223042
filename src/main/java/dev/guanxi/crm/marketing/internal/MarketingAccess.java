package dev.guanxi.crm.marketing.internal;

import dev.guanxi.crm.identity.CurrentUser;
import dev.guanxi.crm.identity.Role;
import org.springframework.security.access.AccessDeniedException;

import java.util.EnumSet;
import java.util.Set;

/**
 * Who may use marketing: marketers, managers and admins manage segments, campaigns and coupons; analysts read them.
 * Sales reps and service agents have no marketing pages (403).
 */
public final class MarketingAccess {

    private static final Set<Role> MANAGE = EnumSet.of(Role.ADMIN, Role.MANAGER, Role.MARKETER);
    private static final Set<Role> VIEW = EnumSet.of(Role.ADMIN, Role.MANAGER, Role.MARKETER, Role.ANALYST);

    private MarketingAccess() {
    }

    public static boolean canManage(CurrentUser user) {
        return MANAGE.contains(user.role());
    }

    public static boolean canView(CurrentUser user) {
        return VIEW.contains(user.role());
    }

    /** The signed-in user when they may read marketing data. */
    public static CurrentUser viewer() {
        CurrentUser user = CurrentUser.get();
        if (!canView(user)) {
            throw new AccessDeniedException("Role " + user.role() + " has no access to marketing");
        }
        return user;
    }

    /** The signed-in user when they may change marketing data. */
    public static CurrentUser manager() {
        CurrentUser user = CurrentUser.get();
        if (!canManage(user)) {
            throw new AccessDeniedException("Role " + user.role() + " may not manage marketing");
        }
        return user;
    }
}
