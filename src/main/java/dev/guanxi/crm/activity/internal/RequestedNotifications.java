package dev.guanxi.crm.activity.internal;

import dev.guanxi.crm.activity.NotificationRequested;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

/** Notifies users on behalf of other modules (in the app and by e-mail), once per (user, kind, source). */
@Component
class RequestedNotifications {

    private final Notifications notifications;

    RequestedNotifications(Notifications notifications) {
        this.notifications = notifications;
    }

    @ApplicationModuleListener
    void on(NotificationRequested request) {
        notifications.add(request.userId(), request.kind(), request.sourceRef(), request.title(), request.detail(),
                request.link(), request.mailSubject());
    }
}
