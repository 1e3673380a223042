package dev.guanxi.crm.identity;

import java.util.EnumSet;
import java.util.Set;

import static dev.guanxi.crm.identity.Permission.*;

/** The roles of DOMAIN §7 and the permissions each one has. */
public enum Role {
    ADMIN(EnumSet.allOf(Permission.class)),
    MANAGER(EnumSet.of(EDIT_CUSTOMERS, VIEW_PERSONAL_DATA, SELL, MANAGE_PRODUCTS, SET_TARGETS)),
    SALES_REP(EnumSet.of(EDIT_CUSTOMERS, VIEW_PERSONAL_DATA, SELL)),
    MARKETER(EnumSet.of(VIEW_ALL_CUSTOMERS)),
    SERVICE_AGENT(EnumSet.of(VIEW_ALL_CUSTOMERS, EDIT_CUSTOMERS, VIEW_PERSONAL_DATA)),
    ANALYST(EnumSet.of(VIEW_ALL_CUSTOMERS));

    private final Set<Permission> permissions;

    Role(Set<Permission> permissions) {
        this.permissions = Set.copyOf(permissions);
    }

    public Set<Permission> permissions() {
        return permissions;
    }
}
