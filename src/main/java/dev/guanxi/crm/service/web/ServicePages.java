package dev.guanxi.crm.service.web;

import dev.guanxi.crm.common.ConflictException;
import dev.guanxi.crm.common.InvalidInputException;
import dev.guanxi.crm.customer.ValueTier;
import dev.guanxi.crm.identity.CurrentUser;
import dev.guanxi.crm.service.TicketPriority;
import dev.guanxi.crm.service.TicketStatus;
import dev.guanxi.crm.service.internal.CalendarSettings;
import dev.guanxi.crm.service.internal.ServiceDashboard;
import dev.guanxi.crm.service.internal.SurveyReports;
import dev.guanxi.crm.service.internal.SlaAdministration;
import dev.guanxi.crm.service.internal.SlaPolicy;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/** The service dashboard (/service) and the SLA page (policies and business calendar). */
@Controller
class ServicePages {

    private final ServiceDashboard dashboard;
    private final SlaAdministration sla;
    private final SurveyReports surveys;

    ServicePages(ServiceDashboard dashboard, SlaAdministration sla, SurveyReports surveys) {
        this.surveys = surveys;
        this.dashboard = dashboard;
        this.sla = sla;
    }

    @GetMapping("/service")
    String dashboard(Model model) {
        ServiceDashboard.Figures f = dashboard.figures();
        model.addAttribute("f", f);
        List<TicketStatus> statuses = Arrays.stream(TicketStatus.values()).filter(s -> s != TicketStatus.CLOSED).toList();
        model.addAttribute("statuses", statuses);
        model.addAttribute("priorities", TicketPriority.values());
        List<List<Long>> series = new ArrayList<>();
        for (TicketPriority p : TicketPriority.values()) {
            series.add(statuses.stream().map(s -> f.openByStatus().getOrDefault(s, java.util.Map.of()).getOrDefault(p, 0L))
                    .toList());
        }
        model.addAttribute("series", series);
        // CSAT and NPS of the last 12 months, by month
        model.addAttribute("satisfaction", surveys.report(null, null, SurveyReports.CsatGroup.MONTH));
        return "service/dashboard";
    }

    @GetMapping("/service/sla")
    String sla(Model model) {
        model.addAttribute("policies", sla.policies());
        CalendarSettings calendar = sla.calendar();
        model.addAttribute("calendar", calendar);
        model.addAttribute("holidayText", String.join("\n", calendar.holidays().stream()
                .map(h -> h.day() + " " + h.name()).toList()));
        model.addAttribute("mayEdit", SlaAdministration.mayEdit(CurrentUser.get()));
        model.addAttribute("priorities", TicketPriority.values());
        model.addAttribute("tiers", ValueTier.values());
        model.addAttribute("days", DayOfWeek.values());
        return "service/sla";
    }

    @PostMapping("/service/sla/policies")
    String savePolicy(@RequestParam(required = false) TicketPriority priority,
                      @RequestParam(required = false) ValueTier valueTier,
                      @RequestParam(required = false) Integer firstResponseMinutes,
                      @RequestParam(required = false) Integer resolutionMinutes, RedirectAttributes redirect) {
        if (priority == null || firstResponseMinutes == null || resolutionMinutes == null || firstResponseMinutes < 1
                || resolutionMinutes < 1 || firstResponseMinutes > 525600 || resolutionMinutes > 525600) {
            redirect.addFlashAttribute("errorKeys", List.of("sla.validation.policy"));
            return "redirect:/service/sla";
        }
        sla.savePolicy(new SlaPolicy(null, priority, valueTier, firstResponseMinutes, resolutionMinutes, null));
        redirect.addFlashAttribute("message", "sla.saved");
        return "redirect:/service/sla";
    }

    @PostMapping("/service/sla/policies/{id}/delete")
    String deletePolicy(@PathVariable long id, RedirectAttributes redirect) {
        try {
            sla.deletePolicy(id);
            redirect.addFlashAttribute("message", "sla.deleted");
        } catch (ConflictException e) {
            redirect.addFlashAttribute("errorText", e.getMessage());
        }
        return "redirect:/service/sla";
    }

    /** Saves the calendar; holidays are entered one a line as "2026-10-01 National Day". */
    @PostMapping("/service/sla/calendar")
    String saveCalendar(@RequestParam String zone, @RequestParam(required = false) Set<DayOfWeek> workDays,
                        @RequestParam @DateTimeFormat(pattern = "HH:mm") LocalTime dayStart,
                        @RequestParam @DateTimeFormat(pattern = "HH:mm") LocalTime dayEnd,
                        @RequestParam(defaultValue = "") String holidays, @RequestParam int version,
                        RedirectAttributes redirect) {
        List<CalendarSettings.Holiday> list = new ArrayList<>();
        try {
            for (String line : holidays.split("\\R")) {
                String l = line.strip();
                if (!l.isEmpty()) {
                    String[] parts = l.split("\\s+", 2);
                    list.add(new CalendarSettings.Holiday(LocalDate.parse(parts[0]), parts.length > 1 ? parts[1] : parts[0]));
                }
            }
            if (workDays == null || workDays.isEmpty()) {
                throw new InvalidInputException("workDays", "sla.validation.work-days");
            }
            sla.saveCalendar(new CalendarSettings(zone, EnumSet.copyOf(workDays), dayStart, dayEnd, list, version));
            redirect.addFlashAttribute("message", "sla.calendar-saved");
        } catch (DateTimeParseException e) {
            redirect.addFlashAttribute("errorKeys", List.of("sla.validation.holiday"));
        } catch (InvalidInputException e) {
            redirect.addFlashAttribute("errorKeys", e.problems().stream().map(p -> p.messageKey()).toList());
        } catch (ConflictException e) {
            redirect.addFlashAttribute("errorText", e.getMessage());
        }
        return "redirect:/service/sla";
    }
}
