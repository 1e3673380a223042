package dev.guanxi.crm.service;

/** How the feedback reached the company. */
public enum TicketChannel {
    PHONE, EMAIL, WEB_FORM, CHAT, IN_PERSON
}
