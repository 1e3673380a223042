package dev.guanxi.crm.loyalty.internal;

import dev.guanxi.crm.identity.CurrentUser;
import dev.guanxi.crm.identity.Permission;
import dev.guanxi.crm.identity.Role;
import org.springframework.security.access.AccessDeniedException;

/**
 * Who may do what with loyalty (no loyalty permissions exist yet, so existing ones are mapped): redeem points for a
 * visible customer — whoever sells or edits customers; adjust points — administrators and managers; define tiers
 * and earning rules — administrators and marketers.
 */
public final class LoyaltyAccess {

    private LoyaltyAccess() {
    }

    public static boolean mayRedeem(CurrentUser u) {
        return u.can(Permission.SELL) || u.can(Permission.EDIT_CUSTOMERS);
    }

    public static boolean mayAdjust(CurrentUser u) {
        return u.role() == Role.ADMIN || u.role() == Role.MANAGER;
    }

    public static boolean mayConfigure(CurrentUser u) {
        return u.role() == Role.ADMIN || u.role() == Role.MARKETER;
    }

    static CurrentUser requireRedeem() {
        return require(mayRedeem(CurrentUser.get()));
    }

    static CurrentUser requireAdjust() {
        return require(mayAdjust(CurrentUser.get()));
    }

    static CurrentUser requireConfigure() {
        return require(mayConfigure(CurrentUser.get()));
    }

    private static CurrentUser require(boolean allowed) {
        if (!allowed) {
            throw new AccessDeniedException("Your role does not allow this operation.");
        }
        return CurrentUser.get();
    }
}
