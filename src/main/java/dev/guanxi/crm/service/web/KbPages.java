package dev.guanxi.crm.service.web;

import dev.guanxi.crm.common.ConflictException;
import dev.guanxi.crm.common.Forms;
import dev.guanxi.crm.common.InvalidInputException;
import dev.guanxi.crm.service.internal.KbArticle;
import dev.guanxi.crm.service.internal.KbArticleData;
import dev.guanxi.crm.service.internal.KnowledgeBase;
import jakarta.validation.Validator;
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

/** The knowledge base pages: search, article, article form. */
@Controller
@RequestMapping("/service/kb")
class KbPages {

    private final KnowledgeBase kb;
    private final Validator validator;

    KbPages(KnowledgeBase kb, Validator validator) {
        this.kb = kb;
        this.validator = validator;
    }

    @GetMapping
    String list(@RequestParam(required = false) String q, @RequestParam(required = false) String tag,
                @RequestParam(defaultValue = "1") int page, Model model) {
        model.addAttribute("q", q);
        model.addAttribute("tag", tag);
        try {
            model.addAttribute("result", kb.search(q, tag, null, Math.max(1, page), 20));
        } catch (InvalidInputException e) {
            model.addAttribute("filterError", true);
            model.addAttribute("result", kb.search(null, null, null, 1, 20));
        }
        model.addAttribute("tags", kb.tagsInUse());
        return "service/kb";
    }

    @GetMapping("/new")
    String newArticle(Model model) {
        model.addAttribute("form", new KbArticleForm());
        return form(model, null);
    }

    @PostMapping
    String create(@ModelAttribute("form") KbArticleForm form, BindingResult binding, Model model,
                  RedirectAttributes redirect) {
        KbArticleData data = form.toData();
        Forms.validate(validator, data, binding);
        if (!binding.hasErrors()) {
            try {
                long id = kb.create(data);
                redirect.addFlashAttribute("message", "kb.created");
                return "redirect:/service/kb/" + id;
            } catch (InvalidInputException e) {
                e.problems().forEach(p -> binding.rejectValue(p.field(), p.messageKey()));
            }
        }
        return form(model, null);
    }

    @GetMapping("/{id}")
    String show(@PathVariable long id, Model model) {
        model.addAttribute("a", kb.get(id));
        model.addAttribute("voted", kb.votedHelpful(id));
        model.addAttribute("tickets", kb.solvedTickets(id));
        return "service/kb-article";
    }

    @GetMapping("/{id}/edit")
    String edit(@PathVariable long id, Model model) {
        KbArticle a = kb.get(id);
        model.addAttribute("form", KbArticleForm.of(a));
        return form(model, a);
    }

    @PostMapping("/{id}")
    String update(@PathVariable long id, @ModelAttribute("form") KbArticleForm form, BindingResult binding,
                  Model model, RedirectAttributes redirect) {
        KbArticle existing = kb.get(id);
        KbArticleData data = form.toData();
        Forms.validate(validator, data, binding);
        if (form.getVersion() == null) {
            binding.reject("validation.version-required");
        }
        if (!binding.hasErrors()) {
            try {
                kb.update(id, form.getVersion(), data);
                redirect.addFlashAttribute("message", "kb.saved");
                return "redirect:/service/kb/" + id;
            } catch (InvalidInputException e) {
                e.problems().forEach(p -> binding.rejectValue(p.field(), p.messageKey()));
            } catch (ConflictException e) {
                model.addAttribute("errorText", e.getMessage());
            }
        }
        return form(model, existing);
    }

    @PostMapping("/{id}/helpful")
    String helpful(@PathVariable long id, RedirectAttributes redirect) {
        kb.voteHelpful(id);
        redirect.addFlashAttribute("message", "kb.thanks");
        return "redirect:/service/kb/" + id;
    }

    @PostMapping("/{id}/delete")
    String delete(@PathVariable long id, @RequestParam int version, RedirectAttributes redirect) {
        try {
            kb.delete(id, version);
            redirect.addFlashAttribute("message", "kb.deleted");
            return "redirect:/service/kb";
        } catch (ConflictException e) {
            redirect.addFlashAttribute("errorText", e.getMessage());
            return "redirect:/service/kb/" + id;
        }
    }

    private String form(Model model, KbArticle existing) {
        model.addAttribute("existing", existing);
        model.addAttribute("products", kb.products());
        return "service/kb-form";
    }
}
