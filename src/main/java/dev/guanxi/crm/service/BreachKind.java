package dev.guanxi.crm.service;

/** Which SLA deadline a ticket missed. */
public enum BreachKind {
    FIRST_RESPONSE, RESOLUTION
}
