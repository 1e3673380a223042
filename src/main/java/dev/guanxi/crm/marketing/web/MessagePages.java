package dev.guanxi.crm.marketing.web;

import dev.guanxi.crm.common.ConflictException;
import dev.guanxi.crm.common.Forms;
import dev.guanxi.crm.common.InvalidInputException;
import dev.guanxi.crm.identity.CurrentUser;
import dev.guanxi.crm.marketing.MessageChannel;
import dev.guanxi.crm.marketing.internal.MessageAccess;
import dev.guanxi.crm.marketing.internal.MessagePlaceholders;
import dev.guanxi.crm.marketing.internal.MessageService;
import dev.guanxi.crm.marketing.internal.MessageTemplates;
import jakarta.validation.Validator;
import org.springframework.security.access.AccessDeniedException;
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

import java.util.ArrayList;
import java.util.List;

/** Messaging pages: templates, sending to customers, and a job's progress. */
@Controller
@RequestMapping("/marketing/messages")
class MessagePages {

    private final MessageService messages;
    private final Validator validator;

    MessagePages(MessageService messages, Validator validator) {
        this.messages = messages;
        this.validator = validator;
    }

    @GetMapping
    String list(@RequestParam(defaultValue = "1") int page, Model model) {
        model.addAttribute("templates", messages.templates());
        model.addAttribute("jobs", messages.recentJobs(Math.max(1, page), 20));
        model.addAttribute("pageLink", "/marketing/messages?page=");
        model.addAttribute("canSend", MessageAccess.maySend(CurrentUser.get()));
        return "marketing/messages";
    }

    @GetMapping("/templates/new")
    String newTemplate(Model model) {
        model.addAttribute("form", new MessageTemplateForm());
        return templateForm(model, null);
    }

    @GetMapping("/templates/{id}/edit")
    String editTemplate(@PathVariable long id, Model model) {
        model.addAttribute("form", MessageTemplateForm.of(messages.template(id)));
        return templateForm(model, id);
    }

    @PostMapping("/templates")
    String create(@ModelAttribute("form") MessageTemplateForm form, BindingResult binding, Model model,
                  RedirectAttributes redirect) {
        return save(null, form, binding, model, redirect);
    }

    @PostMapping("/templates/{id}")
    String update(@PathVariable long id, @ModelAttribute("form") MessageTemplateForm form, BindingResult binding,
                  Model model, RedirectAttributes redirect) {
        return save(id, form, binding, model, redirect);
    }

    private String save(Long id, MessageTemplateForm form, BindingResult binding, Model model,
                        RedirectAttributes redirect) {
        MessageTemplates.MessageTemplateData data = form.toData();
        Forms.validate(validator, data, binding);
        if (!binding.hasErrors()) {
            try {
                if (id == null) {
                    messages.createTemplate(data);
                } else {
                    messages.updateTemplate(id, form.getVersion(), data);
                }
                redirect.addFlashAttribute("message", "message.template.saved");
                return "redirect:/marketing/messages";
            } catch (InvalidInputException e) {
                e.problems().forEach(p -> binding.rejectValue(p.field(), p.messageKey(), p.args().toArray(),
                        p.messageKey()));
            } catch (ConflictException e) {
                model.addAttribute("error", "message.stale");
            }
        }
        return templateForm(model, id);
    }

    private String templateForm(Model model, Long id) {
        requireSend();
        model.addAttribute("templateId", id);
        model.addAttribute("channels", MessageChannel.values());
        model.addAttribute("placeholders", MessagePlaceholders.ALLOWED);
        return "marketing/message-template";
    }

    @GetMapping("/send")
    String sendForm(@RequestParam(required = false) Long templateId,
                    @RequestParam(required = false) String customerIds, Model model) {
        requireSend();
        model.addAttribute("templates", messages.templates());
        model.addAttribute("templateId", templateId);
        model.addAttribute("customerIds", customerIds);
        return "marketing/message-send";
    }

    @PostMapping("/send")
    String send(@RequestParam(required = false) Long templateId, @RequestParam(required = false) String customerIds,
                Model model) {
        try {
            if (templateId == null) {
                throw new InvalidInputException("templateId", "message.validation.template");
            }
            long job = messages.startJob(templateId, parseIds(customerIds));
            return "redirect:/marketing/messages/jobs/" + job;
        } catch (InvalidInputException e) {
            model.addAttribute("error", e.problems().get(0).messageKey());
            model.addAttribute("errorArgs", e.problems().get(0).args().toArray());
            return sendForm(templateId, customerIds, model);
        }
    }

    static List<Long> parseIds(String text) {
        List<Long> ids = new ArrayList<>();
        if (text == null) {
            return ids;
        }
        for (String part : text.split("[\\s,;，；]+")) {
            if (part.isBlank()) {
                continue;
            }
            try {
                ids.add(Long.parseLong(part.strip()));
            } catch (NumberFormatException e) {
                throw new InvalidInputException("customerIds", "message.validation.ids", part);
            }
        }
        return ids;
    }

    @GetMapping("/jobs/{id}")
    String job(@PathVariable long id, Model model) {
        model.addAttribute("job", messages.job(id));
        model.addAttribute("progress", messages.progress(id));
        model.addAttribute("recipients", messages.recipients(id, 200));
        return "marketing/message-job";
    }

    @GetMapping("/jobs/{id}/progress")
    String progress(@PathVariable long id, Model model) {
        model.addAttribute("job", messages.job(id));
        model.addAttribute("progress", messages.progress(id));
        return "marketing/message-job :: progress";
    }

    private static void requireSend() {
        if (!MessageAccess.maySend(CurrentUser.get())) {
            throw new AccessDeniedException("send messages");
        }
    }
}
