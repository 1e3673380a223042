package dev.guanxi.crm.marketing;

/** How a campaign reaches its members; MEMBER_DAY campaigns issue a coupon to past buyers on a scheduled day. */
public enum CampaignChannel {
    EMAIL, SMS, EVENT, ONLINE_AD, MEMBER_DAY
}
