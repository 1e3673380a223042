package dev.guanxi.crm.activity.internal;

import dev.guanxi.crm.activity.ActivityType;
import dev.guanxi.crm.activity.TaskScheduling;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import java.time.Instant;

@Component
class ActivityTaskScheduling implements TaskScheduling {

    private final ActivityService activities;

    ActivityTaskScheduling(ActivityService activities) {
        this.activities = activities;
    }

    @Override
    @Transactional
    public long createTask(long customerId, Long ownerId, String subject, String notes, Instant dueAt) {
        return activities.create(new ActivityData(ActivityType.TASK, customerId, null, null, subject, notes, dueAt,
                null, ownerId));
    }
}
