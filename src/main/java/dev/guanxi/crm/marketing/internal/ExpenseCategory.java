package dev.guanxi.crm.marketing.internal;

/** What a campaign expense was for. */
public enum ExpenseCategory {
    ADVERTISING, VENUE, PRINTING, GIFTS, STAFF, TRAVEL, SOFTWARE, OTHER
}
