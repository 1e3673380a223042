package dev.guanxi.crm.sales;

/** A lead (潜在客户) is new, qualified, disqualified with a reason, or converted into customer and opportunity. */
public enum LeadStatus {
    NEW, QUALIFIED, DISQUALIFIED, CONVERTED
}
