package dev.guanxi.crm.activity.web;

import dev.guanxi.crm.activity.internal.Notifications;
import dev.guanxi.crm.identity.CurrentUser;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseBody;

/** The signed-in user's notifications (reminders, large-deal alerts) and the unread count of the header bell. */
@Controller
@RequestMapping("/notifications")
class NotificationPages {

    private final Notifications notifications;

    NotificationPages(Notifications notifications) {
        this.notifications = notifications;
    }

    @GetMapping
    String list(Model model) {
        long me = CurrentUser.get().id();
        model.addAttribute("notifications", notifications.latest(me, 200));
        model.addAttribute("unread", notifications.unreadCount(me));
        return "activity/notifications";
    }

    /** The bell's badge, loaded by htmx after the page so that pages do not pay for it. */
    @GetMapping(value = "/count", produces = MediaType.TEXT_PLAIN_VALUE)
    @ResponseBody
    String count() {
        long n = notifications.unreadCount(CurrentUser.get().id());
        return n == 0 ? "" : Long.toString(n);
    }

    @PostMapping("/{id}/read")
    String read(@PathVariable long id) {
        notifications.markRead(CurrentUser.get().id(), id);
        return "redirect:/notifications";
    }

    @PostMapping("/read-all")
    String readAll() {
        notifications.markAllRead(CurrentUser.get().id());
        return "redirect:/notifications";
    }
}
