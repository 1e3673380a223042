package dev.guanxi.crm.activity.web;

import dev.guanxi.crm.activity.ActivityType;
import dev.guanxi.crm.activity.internal.Activity;
import dev.guanxi.crm.activity.internal.ActivityData;
import dev.guanxi.crm.activity.internal.ActivityQuery;
import dev.guanxi.crm.activity.internal.ActivityService;
import dev.guanxi.crm.common.ConflictException;
import dev.guanxi.crm.common.Forms;
import dev.guanxi.crm.common.InvalidInputException;
import dev.guanxi.crm.identity.CurrentUser;
import dev.guanxi.crm.identity.UserDirectory;
import jakarta.validation.Validator;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The activity list, the activity forms and page, and the calendar (week and month, per user or team). */
@Controller
@RequestMapping("/activities")
class ActivityPages {

    private final ActivityService activities;
    private final UserDirectory users;
    private final Validator validator;

    ActivityPages(ActivityService activities, UserDirectory users, Validator validator) {
        this.activities = activities;
        this.users = users;
        this.validator = validator;
    }

    @GetMapping
    String list(@ModelAttribute("query") ActivityQuery query, BindingResult binding, Model model) {
        ActivityQuery q = binding.hasErrors() ? new ActivityQuery() : query;
        model.addAttribute("filterError", binding.hasErrors());
        model.addAttribute("result", activities.search(q));
        model.addAttribute("types", ActivityType.values());
        model.addAttribute("owners", users.activeUsers());
        model.addAttribute("zone", activities.zone());
        return "activity/list";
    }

    @GetMapping("/new")
    String newActivity(@RequestParam(required = false) Long customerId,
                       @RequestParam(required = false) Long opportunityId, Model model) {
        ActivityForm form = new ActivityForm();
        form.setCustomerId(customerId);
        form.setOpportunityId(opportunityId);
        form.setOwnerId(CurrentUser.get().id());
        model.addAttribute("form", form);
        return form(model, null);
    }

    @PostMapping
    String create(@ModelAttribute("form") ActivityForm form, BindingResult binding, Model model,
                  RedirectAttributes redirect) {
        ActivityData data = form.toData(activities.zone());
        Forms.validate(validator, data, binding);
        if (!binding.hasErrors()) {
            try {
                long id = activities.create(data);
                redirect.addFlashAttribute("message", "activity.created");
                return "redirect:/activities/" + id;
            } catch (InvalidInputException e) {
                e.problems().forEach(p -> binding.rejectValue(p.field(), p.messageKey()));
            }
        }
        return form(model, null);
    }

    @GetMapping("/{id}")
    String show(@PathVariable long id, Model model) {
        model.addAttribute("a", activities.get(id));
        model.addAttribute("zone", activities.zone());
        return "activity/show";
    }

    @GetMapping("/{id}/edit")
    String edit(@PathVariable long id, Model model) {
        Activity a = activities.get(id);
        model.addAttribute("form", ActivityForm.of(a, activities.zone()));
        return form(model, a);
    }

    @PostMapping("/{id}")
    String update(@PathVariable long id, @ModelAttribute("form") ActivityForm form, BindingResult binding,
                  Model model, RedirectAttributes redirect) {
        Activity existing = activities.get(id);
        ActivityData data = form.toData(activities.zone());
        Forms.validate(validator, data, binding);
        if (form.getVersion() == null) {
            binding.reject("validation.version-required");
        }
        if (!binding.hasErrors()) {
            try {
                activities.update(id, form.getVersion(), data);
                redirect.addFlashAttribute("message", "activity.saved");
                return "redirect:/activities/" + id;
            } catch (InvalidInputException e) {
                e.problems().forEach(p -> binding.rejectValue(p.field(), p.messageKey()));
            } catch (ConflictException e) {
                model.addAttribute("errorText", e.getMessage());
            }
        }
        return form(model, existing);
    }

    @PostMapping("/{id}/complete")
    String complete(@PathVariable long id, @RequestParam int version, RedirectAttributes redirect) {
        try {
            activities.complete(id, version);
            redirect.addFlashAttribute("message", "activity.completed");
        } catch (ConflictException e) {
            redirect.addFlashAttribute("errorText", e.getMessage());
        }
        return "redirect:/activities/" + id;
    }

    @PostMapping("/{id}/delete")
    String delete(@PathVariable long id, @RequestParam int version, RedirectAttributes redirect) {
        try {
            activities.delete(id, version);
            redirect.addFlashAttribute("message", "activity.deleted");
            return "redirect:/activities";
        } catch (ConflictException e) {
            redirect.addFlashAttribute("errorText", e.getMessage());
            return "redirect:/activities/" + id;
        }
    }

    /** The calendar: a week (7 days) or a month (whole weeks, Monday first) of one user's or one team's activities. */
    @GetMapping("/calendar")
    String calendar(@RequestParam(defaultValue = "week") String view,
                    @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate date,
                    @RequestParam(required = false) Long ownerId, @RequestParam(required = false) Long teamId,
                    Model model) {
        boolean month = "month".equals(view);
        LocalDate day = date == null ? LocalDate.now(activities.zone()) : date;
        LocalDate first;
        LocalDate last;
        LocalDate previous;
        LocalDate next;
        if (month) {
            first = day.withDayOfMonth(1).with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
            last = day.with(TemporalAdjusters.lastDayOfMonth()).with(TemporalAdjusters.nextOrSame(DayOfWeek.SUNDAY));
            previous = day.withDayOfMonth(1).minusMonths(1);
            next = day.withDayOfMonth(1).plusMonths(1);
        } else {
            first = day.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
            last = first.plusDays(6);
            previous = first.minusWeeks(1);
            next = first.plusWeeks(1);
        }
        // by default the signed-in user's own calendar; a team calendar when a team is chosen
        Long owner = teamId == null && ownerId == null ? Long.valueOf(CurrentUser.get().id()) : ownerId;
        Map<LocalDate, List<Activity>> days = new LinkedHashMap<>();
        for (LocalDate d = first; !d.isAfter(last); d = d.plusDays(1)) {
            days.put(d, new ArrayList<>());
        }
        for (Activity a : activities.calendar(first, last, owner, teamId)) {
            days.get(a.dueAt().atZone(activities.zone()).toLocalDate()).add(a);
        }
        List<List<Map.Entry<LocalDate, List<Activity>>>> weeks = new ArrayList<>();
        List<Map.Entry<LocalDate, List<Activity>>> week = new ArrayList<>();
        for (Map.Entry<LocalDate, List<Activity>> e : days.entrySet()) {
            week.add(e);
            if (week.size() == 7) {
                weeks.add(week);
                week = new ArrayList<>();
            }
        }
        model.addAttribute("view", month ? "month" : "week");
        model.addAttribute("day", day);
        model.addAttribute("weeks", weeks);
        model.addAttribute("previous", previous);
        model.addAttribute("next", next);
        model.addAttribute("today", LocalDate.now(activities.zone()));
        model.addAttribute("ownerId", owner);
        model.addAttribute("teamId", teamId);
        model.addAttribute("owners", users.activeUsers());
        model.addAttribute("teams", users.teams());
        model.addAttribute("zone", activities.zone());
        return "activity/calendar";
    }

    private String form(Model model, Activity existing) {
        model.addAttribute("existing", existing);
        model.addAttribute("types", ActivityType.values());
        model.addAttribute("owners", users.activeUsers().stream().filter(CurrentUser.get()::mayAssignTo).toList());
        return "activity/form";
    }
}
