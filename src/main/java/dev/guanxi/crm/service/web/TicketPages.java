package dev.guanxi.crm.service.web;

import dev.guanxi.crm.common.ConflictException;
import dev.guanxi.crm.common.Forms;
import dev.guanxi.crm.common.InvalidInputException;
import dev.guanxi.crm.common.PageResult;
import dev.guanxi.crm.identity.CurrentUser;
import dev.guanxi.crm.identity.UserDirectory;
import dev.guanxi.crm.service.ComplaintCause;
import dev.guanxi.crm.service.TicketChannel;
import dev.guanxi.crm.service.TicketPriority;
import dev.guanxi.crm.service.TicketStatus;
import dev.guanxi.crm.service.TicketType;
import dev.guanxi.crm.service.internal.Attachments;
import dev.guanxi.crm.service.internal.KnowledgeBase;
import dev.guanxi.crm.service.internal.Ticket;
import dev.guanxi.crm.service.internal.TicketData;
import dev.guanxi.crm.service.internal.TicketQuery;
import dev.guanxi.crm.service.internal.TicketService;
import dev.guanxi.crm.service.internal.TicketState;
import jakarta.validation.Validator;
import org.springframework.core.io.InputStreamResource;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import java.io.IOException;
import java.io.InputStream;
import java.time.ZoneId;

/** The ticket list, the ticket form and the ticket page (workflow steps, replies, attachments, solving articles). */
@Controller
@RequestMapping("/service/tickets")
class TicketPages {

    static final int PAGE_SIZE = 25;

    private final TicketService tickets;
    private final Attachments attachments;
    private final KnowledgeBase kb;
    private final UserDirectory users;
    private final Validator validator;
    private final ZoneId zone;

    TicketPages(TicketService tickets, Attachments attachments, KnowledgeBase kb, UserDirectory users,
                Validator validator, @org.springframework.beans.factory.annotation.Value("${guanxi.activity.zone:Asia/Shanghai}") ZoneId zone) {
        this.tickets = tickets;
        this.attachments = attachments;
        this.kb = kb;
        this.users = users;
        this.validator = validator;
        this.zone = zone;
    }

    @GetMapping
    String list(@ModelAttribute("query") TicketQuery query, BindingResult binding,
                @RequestParam(defaultValue = "1") int page, Model model) {
        TicketQuery q = binding.hasErrors() ? TicketQuery.empty() : query;
        PageResult<Ticket> result;
        try {
            result = tickets.search(q, Math.max(1, page), PAGE_SIZE);
        } catch (InvalidInputException e) {
            binding.reject("invalid");
            q = TicketQuery.empty();
            result = tickets.search(q, 1, PAGE_SIZE);
        }
        model.addAttribute("filterError", binding.hasErrors());
        model.addAttribute("q", q);
        model.addAttribute("result", result);
        model.addAttribute("statuses", TicketStatus.values());
        model.addAttribute("types", TicketType.values());
        model.addAttribute("priorities", TicketPriority.values());
        model.addAttribute("owners", users.activeUsers());
        model.addAttribute("teams", users.teams());
        model.addAttribute("zone", zone);
        return "service/tickets";
    }

    @GetMapping("/new")
    String newTicket(@RequestParam(required = false) Long customerId, @RequestParam(required = false) TicketType type,
                     Model model) {
        TicketForm form = new TicketForm();
        form.setCustomerId(customerId);
        if (type != null) {
            form.setType(type);
        }
        model.addAttribute("form", form);
        return form(model, null);
    }

    @PostMapping
    String create(@ModelAttribute("form") TicketForm form, BindingResult binding, Model model,
                  RedirectAttributes redirect) {
        TicketData data = form.toData();
        Forms.validate(validator, data, binding);
        if (!binding.hasErrors()) {
            try {
                long id = tickets.open(data);
                redirect.addFlashAttribute("message", "ticket.opened");
                return "redirect:/service/tickets/" + id;
            } catch (InvalidInputException e) {
                e.problems().forEach(p -> binding.rejectValue(p.field(), p.messageKey(), p.args().toArray(), p.messageKey()));
            }
        }
        return form(model, null);
    }

    @GetMapping("/{id}")
    String show(@PathVariable long id, @RequestParam(required = false) String kbq, Model model) {
        Ticket t = tickets.get(id);
        model.addAttribute("t", t);
        model.addAttribute("comments", tickets.comments(id));
        model.addAttribute("history", tickets.history(id));
        model.addAttribute("attachments", attachments.list(id));
        model.addAttribute("maxMegabytes", attachments.maxBytes() / (1024 * 1024));
        model.addAttribute("solving", kb.solving(id));
        model.addAttribute("kbq", kbq);
        // articles to insert into a reply: those matching the search, else those matching the subject, else newest
        String search = kbq != null && !kbq.isBlank() ? kbq : null;
        var suggestions = kb.search(search, null, null, 1, 8).items();
        model.addAttribute("suggestions", suggestions);
        model.addAttribute("bodies", kb.bodies(suggestions.stream().map(KnowledgeBase.Summary::id).toList()));
        model.addAttribute("causes", ComplaintCause.values());
        model.addAttribute("zone", zone);
        return "service/ticket";
    }

    @GetMapping("/{id}/edit")
    String edit(@PathVariable long id, Model model) {
        Ticket t = tickets.get(id);
        model.addAttribute("form", TicketForm.of(t));
        return form(model, t);
    }

    @PostMapping("/{id}")
    String update(@PathVariable long id, @ModelAttribute("form") TicketForm form, BindingResult binding, Model model,
                  RedirectAttributes redirect) {
        Ticket existing = tickets.get(id);
        TicketData data = form.toData();
        Forms.validate(validator, data, binding);
        if (form.getVersion() == null) {
            binding.reject("validation.version-required");
        }
        if (!binding.hasErrors()) {
            try {
                tickets.update(id, form.getVersion(), data);
                redirect.addFlashAttribute("message", "ticket.saved");
                return "redirect:/service/tickets/" + id;
            } catch (InvalidInputException e) {
                e.problems().forEach(p -> binding.rejectValue(p.field(), p.messageKey(), p.args().toArray(), p.messageKey()));
            } catch (ConflictException e) {
                model.addAttribute("errorText", e.getMessage());
            }
        }
        return form(model, existing);
    }

    @PostMapping("/{id}/transition")
    String transition(@PathVariable long id, @RequestParam int version, @RequestParam TicketStatus status,
                      @RequestParam(required = false) String keyPoints, @RequestParam(required = false) Boolean valid,
                      @RequestParam(required = false) String invalidReason,
                      @RequestParam(required = false) ComplaintCause cause,
                      @RequestParam(required = false) String solution, @RequestParam(required = false) String followUp,
                      @RequestParam(required = false) String note, RedirectAttributes redirect) {
        try {
            tickets.transition(id, version, new TicketService.TransitionRequest(status,
                    new TicketState.Step(keyPoints, valid, invalidReason, cause, solution, followUp), note));
            redirect.addFlashAttribute("message", "ticket.moved");
        } catch (ConflictException e) {
            redirect.addFlashAttribute("errorText", e.getMessage());
        } catch (InvalidInputException e) {
            redirect.addFlashAttribute("errorKeys", e.problems().stream().map(p -> p.messageKey()).toList());
        }
        return "redirect:/service/tickets/" + id;
    }

    @PostMapping("/{id}/comments")
    String comment(@PathVariable long id, @RequestParam(required = false) String body,
                   @RequestParam(defaultValue = "false") boolean customerVisible, RedirectAttributes redirect) {
        try {
            tickets.comment(id, body, customerVisible);
            redirect.addFlashAttribute("message", customerVisible ? "ticket.replied" : "ticket.noted");
        } catch (InvalidInputException e) {
            redirect.addFlashAttribute("errorKeys", e.problems().stream().map(p -> p.messageKey()).toList());
        }
        return "redirect:/service/tickets/" + id + "#comments";
    }

    @PostMapping("/{id}/attachments")
    String upload(@PathVariable long id, @RequestParam(name = "file", required = false) MultipartFile file,
                  RedirectAttributes redirect) throws IOException {
        if (file == null || file.isEmpty()) {
            redirect.addFlashAttribute("errorKeys", java.util.List.of("ticket.attachment.empty"));
            return "redirect:/service/tickets/" + id + "#attachments";
        }
        try (InputStream in = file.getInputStream()) {
            attachments.add(id, file.getOriginalFilename(), in);
            redirect.addFlashAttribute("message", "ticket.attachment.added");
        } catch (InvalidInputException e) {
            redirect.addFlashAttribute("errorKeys", e.problems().stream().map(p -> p.messageKey()).toList());
            redirect.addFlashAttribute("maxMegabytes", attachments.maxBytes() / (1024 * 1024));
        }
        return "redirect:/service/tickets/" + id + "#attachments";
    }

    @GetMapping("/{id}/attachments/{attachmentId}")
    ResponseEntity<InputStreamResource> download(@PathVariable long id, @PathVariable long attachmentId) {
        return attachments.open(id, attachmentId).asResponse();
    }

    @PostMapping("/{id}/articles")
    String link(@PathVariable long id, @RequestParam long articleId, RedirectAttributes redirect) {
        kb.linkTicket(articleId, id);
        redirect.addFlashAttribute("message", "ticket.article-linked");
        return "redirect:/service/tickets/" + id + "#articles";
    }

    @PostMapping("/{id}/articles/{articleId}/unlink")
    String unlink(@PathVariable long id, @PathVariable long articleId, RedirectAttributes redirect) {
        kb.unlinkTicket(articleId, id);
        redirect.addFlashAttribute("message", "ticket.article-unlinked");
        return "redirect:/service/tickets/" + id + "#articles";
    }

    private String form(Model model, Ticket existing) {
        CurrentUser user = CurrentUser.get();
        model.addAttribute("existing", existing);
        model.addAttribute("types", TicketType.values());
        model.addAttribute("channels", TicketChannel.values());
        model.addAttribute("priorities", TicketPriority.values());
        model.addAttribute("owners", users.activeUsers().stream().filter(user::mayAssignTo).toList());
        model.addAttribute("teams", users.teams());
        return "service/ticket-form";
    }
}
