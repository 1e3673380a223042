package dev.guanxi.crm.sales.internal;

public record ProductView(long id, ProductData data, String currency, int version) {
}
