package dev.guanxi.crm.activity;

/** What kind of contact or work an activity records. */
public enum ActivityType {
    CALL, MEETING, VISIT, EMAIL, NOTE, TASK
}
