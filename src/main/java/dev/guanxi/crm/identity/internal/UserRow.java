package dev.guanxi.crm.identity.internal;

import dev.guanxi.crm.identity.Role;

/** A user as listed on the administration page. */
public record UserRow(long id, String username, String displayName, String email, Role role, String teamName,
                      boolean enabled, boolean locked) {
}
