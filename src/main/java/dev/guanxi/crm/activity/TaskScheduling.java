package dev.guanxi.crm.activity;

import java.time.Instant;

/**
 * Creating a task (an activity of type TASK) from another module, e.g. a win-back task from the churn list, with
 * the same rules, audit and timeline entry as the activity pages. Acts as the signed-in user, who must see the
 * customer and may assign the task to the owner.
 */
public interface TaskScheduling {

    /**
     * @param ownerId the user who gets the task; null for the signed-in user
     * @return the new activity's id
     * @throws dev.guanxi.crm.common.InvalidInputException when the customer is not visible or the owner not
     *                                                     assignable
     */
    long createTask(long customerId, Long ownerId, String subject, String notes, Instant dueAt);
}
