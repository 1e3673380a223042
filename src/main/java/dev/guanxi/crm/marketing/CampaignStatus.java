package dev.guanxi.crm.marketing;

public enum CampaignStatus {
    PLANNED, ACTIVE, COMPLETED, CANCELLED
}
