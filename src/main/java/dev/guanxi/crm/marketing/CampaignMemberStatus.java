package dev.guanxi.crm.marketing;

/** Where a campaign member stands: targeted → sent → responded → converted (a status never moves back). */
public enum CampaignMemberStatus {
    TARGETED, SENT, RESPONDED, CONVERTED
}
