package dev.guanxi.crm.marketing.internal;

import dev.guanxi.crm.identity.CurrentUser;
import dev.guanxi.crm.identity.Permission;
import dev.guanxi.crm.identity.Role;
import org.springframework.security.access.AccessDeniedException;

/**
 * Who may message customers (no marketing permission exists yet, so roles are mapped): administrators, marketers
 * and managers write templates and send; whoever edits customers, and marketers, record a customer's opt-out.
 */
public final class MessageAccess {

    private MessageAccess() {
    }

    public static boolean maySend(CurrentUser u) {
        return u.role() == Role.ADMIN || u.role() == Role.MARKETER || u.role() == Role.MANAGER;
    }

    public static boolean mayRecordConsent(CurrentUser u) {
        return u.can(Permission.EDIT_CUSTOMERS) || u.role() == Role.MARKETER;
    }

    static CurrentUser requireSend() {
        return require(maySend(CurrentUser.get()));
    }

    static CurrentUser requireConsent() {
        return require(mayRecordConsent(CurrentUser.get()));
    }

    private static CurrentUser require(boolean allowed) {
        if (!allowed) {
            throw new AccessDeniedException("Your role does not allow this operation.");
        }
        return CurrentUser.get();
    }
}
