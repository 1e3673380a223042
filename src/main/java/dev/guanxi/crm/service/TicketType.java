package dev.guanxi.crm.service;

/** What a customer's feedback is (客户反馈): complaints follow the complaint workflow, the others a simple one. */
public enum TicketType {
    INQUIRY, COMPLAINT, SUGGESTION
}
