package dev.guanxi.crm.service;

public enum TicketPriority {
    LOW, NORMAL, HIGH, URGENT
}
