package dev.guanxi.crm.customer.internal;

public record ContactView(long id, long customerId, ContactData data, int version, boolean masked) {
}
