/** Activities on customers (calls, meetings, visits, e-mails, notes, tasks), calendar, reminders and notifications. */
@org.springframework.modulith.ApplicationModule(displayName = "Activity")
package dev.guanxi.crm.activity;
