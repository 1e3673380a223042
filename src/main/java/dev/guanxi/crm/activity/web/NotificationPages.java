package dev.guanxi.crm.activity.web;

import dev.guanxi.crm.activity.internal.Notifications;
import dev.guanxi.crm.identity.CurrentUser;
import dev.guanxi.crm.common.Forms;
import jakarta.validation.Validator;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.MediaType;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseBody;

import java.time.ZoneId;

/** The signed-in user's notifications (reminders, large-deal alerts) and the unread count of the header bell. */
@Controller
@RequestMapping("/notifications")
class NotificationPages {

    private final Notifications notifications;
    private final Validator validator;
    private final ZoneId zone;

    NotificationPages(Notifications notifications, Validator validator,
                      @Value("${guanxi.activity.zone:Asia/Shanghai}") ZoneId zone) {
        this.notifications = notifications;
        this.validator = validator;
        this.zone = zone;
    }

    @GetMapping
    String list(Model model) {
        NotificationEmailForm form = new NotificationEmailForm();
        form.setEmail(notifications.emailAddress(CurrentUser.get().id()));
        model.addAttribute("emailForm", form);
        return page(model);
    }

    @PostMapping("/email")
    String email(@ModelAttribute("emailForm") NotificationEmailForm form, BindingResult binding, Model model,
                 RedirectAttributes redirect) {
        Forms.validate(validator, form, binding);
        if (binding.hasErrors()) {
            return page(model);
        }
        notifications.setEmailAddress(CurrentUser.get().id(), form.getEmail());
        redirect.addFlashAttribute("message", "notifications.email-saved");
        return "redirect:/notifications";
    }

    private String page(Model model) {
        long me = CurrentUser.get().id();
        model.addAttribute("notifications", notifications.latest(me, 200));
        model.addAttribute("unread", notifications.unreadCount(me));
        model.addAttribute("zone", zone);
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
