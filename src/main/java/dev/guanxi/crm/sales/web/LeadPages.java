package dev.guanxi.crm.sales.web;

import dev.guanxi.crm.common.ConflictException;
import dev.guanxi.crm.common.Forms;
import dev.guanxi.crm.common.InvalidInputException;
import dev.guanxi.crm.identity.CurrentUser;
import dev.guanxi.crm.identity.Permission;
import dev.guanxi.crm.sales.LeadStatus;
import dev.guanxi.crm.sales.internal.Conversion;
import dev.guanxi.crm.sales.internal.LeadData;
import dev.guanxi.crm.sales.internal.LeadService;
import dev.guanxi.crm.sales.internal.LeadView;
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

import java.math.BigDecimal;
import java.time.LocalDate;

/** Lead list, form and page with qualify, disqualify and convert (offering matching customers). */
@Controller
@RequestMapping("/sales/leads")
class LeadPages {

    static final int PAGE_SIZE = 50;

    private final LeadService leads;
    private final Validator validator;

    LeadPages(LeadService leads, Validator validator) {
        this.leads = leads;
        this.validator = validator;
    }

    @GetMapping
    String list(@RequestParam(required = false) String q, @RequestParam(required = false) LeadStatus status,
                @RequestParam(defaultValue = "1") int page, Model model) {
        model.addAttribute("leads", leads.search(q, status, null, Math.max(1, page), PAGE_SIZE + 1));
        model.addAttribute("q", q);
        model.addAttribute("status", status);
        model.addAttribute("statuses", LeadStatus.values());
        model.addAttribute("page", Math.max(1, page));
        model.addAttribute("pageSize", PAGE_SIZE);
        return "sales/leads";
    }

    @GetMapping("/new")
    String newLead(Model model) {
        if (!CurrentUser.get().can(Permission.SELL)) {
            throw new org.springframework.security.access.AccessDeniedException("missing SELL");
        }
        model.addAttribute("form", new LeadForm());
        return "sales/lead-form";
    }

    @PostMapping
    String create(@ModelAttribute("form") LeadForm form, BindingResult binding, RedirectAttributes redirect) {
        LeadData data = form.toData();
        Forms.validate(validator, data, binding);
        if (!binding.hasErrors()) {
            try {
                long id = leads.create(data);
                redirect.addFlashAttribute("message", "lead.created");
                return "redirect:/sales/leads/" + id;
            } catch (InvalidInputException e) {
                e.problems().forEach(p -> binding.rejectValue(p.field(), p.messageKey()));
            }
        }
        return "sales/lead-form";
    }

    @GetMapping("/{id}")
    String show(@PathVariable long id, Model model) {
        LeadView lead = leads.get(id);
        model.addAttribute("lead", lead);
        boolean open = lead.status() == LeadStatus.NEW || lead.status() == LeadStatus.QUALIFIED;
        model.addAttribute("open", open);
        model.addAttribute("matches", open ? leads.matches(id) : java.util.List.of());
        model.addAttribute("canSell", CurrentUser.get().can(Permission.SELL));
        return "sales/lead";
    }

    @PostMapping("/{id}/qualify")
    String qualify(@PathVariable long id, @RequestParam int version, RedirectAttributes redirect) {
        return act(id, redirect, "lead.qualified", () -> leads.qualify(id, version));
    }

    @PostMapping("/{id}/disqualify")
    String disqualify(@PathVariable long id, @RequestParam int version, @RequestParam(required = false) String reason,
                      RedirectAttributes redirect) {
        return act(id, redirect, "lead.disqualified", () -> leads.disqualify(id, version, reason));
    }

    @PostMapping("/{id}/convert")
    String convert(@PathVariable long id, @RequestParam int version,
                   @RequestParam(required = false) String target,
                   @RequestParam(required = false) String opportunityName,
                   @RequestParam(required = false) BigDecimal amount,
                   @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate expectedClose,
                   RedirectAttributes redirect) {
        Long customerId = target == null || target.isBlank() || "new".equals(target) ? null : Long.valueOf(target);
        Conversion conversion = new Conversion(customerId, opportunityName, amount, expectedClose);
        if (!validator.validate(conversion).isEmpty()) {
            redirect.addFlashAttribute("error", "lead.convert-invalid");
            return "redirect:/sales/leads/" + id;
        }
        try {
            LeadService.Converted converted = leads.convert(id, version, conversion, "new".equals(target));
            redirect.addFlashAttribute("message", "lead.converted");
            return "redirect:/customers/" + converted.customerId();
        } catch (ConflictException e) {
            redirect.addFlashAttribute("errorText", e.getMessage());
        } catch (InvalidInputException e) {
            redirect.addFlashAttribute("error", e.problems().get(0).messageKey());
        }
        return "redirect:/sales/leads/" + id;
    }

    private static String act(long id, RedirectAttributes redirect, String message, Runnable action) {
        try {
            action.run();
            redirect.addFlashAttribute("message", message);
        } catch (ConflictException e) {
            redirect.addFlashAttribute("errorText", e.getMessage());
        } catch (InvalidInputException e) {
            redirect.addFlashAttribute("error", e.problems().get(0).messageKey());
        }
        return "redirect:/sales/leads/" + id;
    }
}
