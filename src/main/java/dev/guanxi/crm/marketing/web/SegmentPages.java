package dev.guanxi.crm.marketing.web;

import dev.guanxi.crm.common.Forms;
import dev.guanxi.crm.common.InvalidInputException;
import dev.guanxi.crm.common.PageResult;
import dev.guanxi.crm.identity.CurrentUser;
import dev.guanxi.crm.marketing.SegmentField;
import dev.guanxi.crm.marketing.SegmentOperator;
import dev.guanxi.crm.marketing.internal.MarketingAccess;
import dev.guanxi.crm.marketing.internal.SegmentData;
import dev.guanxi.crm.marketing.internal.SegmentService;
import dev.guanxi.crm.marketing.internal.SegmentView;
import jakarta.servlet.http.HttpServletRequest;
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

import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/** Pages of segments: list, rule builder with htmx rows and preview, detail with sample and snapshot. */
@Controller
@RequestMapping("/marketing/segments")
class SegmentPages {

    private final SegmentService segments;
    private final Validator validator;

    SegmentPages(SegmentService segments, Validator validator) {
        this.segments = segments;
        this.validator = validator;
    }

    @GetMapping
    String list(@RequestParam(defaultValue = "1") int page, Model model) {
        PageResult.checkRequest(page, 50);
        model.addAttribute("page", segments.list(page, 50));
        model.addAttribute("canManage", MarketingAccess.canManage(CurrentUser.get()));
        return "marketing/segments";
    }

    @GetMapping("/new")
    String create(Model model) {
        MarketingAccess.manager();
        return form(SegmentForm.blank(), null, model);
    }

    @PostMapping
    String save(@ModelAttribute("form") SegmentForm form, BindingResult binding, HttpServletRequest request,
                Model model, RedirectAttributes redirect) {
        form.bindRows(request);
        return store(form, binding, null, null, model, redirect);
    }

    @GetMapping("/{id}/edit")
    String edit(@PathVariable long id, Model model) {
        MarketingAccess.manager();
        SegmentView s = segments.get(id);
        if (!s.dynamic()) {
            return "redirect:/marketing/segments/" + id;
        }
        model.addAttribute("version", s.version());
        return form(SegmentForm.of(s.name(), s.description(), s.rules()), s, model);
    }

    @PostMapping("/{id}")
    String update(@PathVariable long id, @RequestParam int version, @ModelAttribute("form") SegmentForm form,
                  BindingResult binding, HttpServletRequest request, Model model, RedirectAttributes redirect) {
        form.bindRows(request);
        return store(form, binding, segments.get(id), version, model, redirect);
    }

    private String store(SegmentForm form, BindingResult binding, SegmentView existing, Integer version, Model model,
                         RedirectAttributes redirect) {
        SegmentData data = form.data();
        Forms.validate(validator, data, binding);
        if (!binding.hasErrors()) {
            try {
                long id = existing == null ? segments.create(data) : existing.id();
                if (existing != null) {
                    segments.update(id, version, data);
                }
                redirect.addFlashAttribute("message", "segment.saved");
                return "redirect:/marketing/segments/" + id;
            } catch (InvalidInputException e) {
                model.addAttribute("ruleProblems", e.problems());
            }
        }
        model.addAttribute("version", version);
        return form(form, existing, model);
    }

    private String form(SegmentForm form, SegmentView existing, Model model) {
        model.addAttribute("form", form);
        model.addAttribute("segment", existing);
        model.addAttribute("fields", segments.fields());
        model.addAttribute("builder", new Builder(segments.fields()));
        return "marketing/segment-form";
    }

    /** Rule rows for the template: the operators and value input of a row's field. */
    public record Builder(List<SegmentField> fields) {

        public Optional<SegmentField> field(String name) {
            return fields.stream().filter(f -> f.name().equals(name)).findFirst();
        }

        public List<String> operators(String name) {
            return field(name).map(f -> f.operators().stream().sorted(Comparator.naturalOrder())
                    .map(SegmentOperator::code).toList()).orElse(List.of());
        }

        public boolean choice(String name) {
            return field(name).map(f -> !f.options().isEmpty()).orElse(false);
        }
    }

    /** One rule row (htmx): a new blank row of a group, or a row re-rendered after its field changed. */
    @GetMapping("/rule-row")
    String ruleRow(@RequestParam(defaultValue = SegmentForm.ROOT) String rowGroup,
                   @RequestParam(required = false) String rowField, @RequestParam(required = false) String rowOperator,
                   @RequestParam(required = false) String rowValue, Model model) {
        MarketingAccess.viewer();
        Builder builder = new Builder(segments.fields());
        String operator = rowOperator != null && builder.operators(rowField).contains(rowOperator) ? rowOperator : null;
        model.addAttribute("row", new SegmentForm.Row(rowGroup.replaceAll("[^A-Za-z0-9_-]", ""), rowField, operator,
                operator == null ? "" : rowValue));
        model.addAttribute("builder", builder);
        return "marketing/segment-rules :: row";
    }

    /** A new sub-group (htmx) with one blank row. */
    @GetMapping("/rule-group")
    String ruleGroup(Model model) {
        MarketingAccess.viewer();
        String id = "g" + Long.toString(System.nanoTime(), 36);
        model.addAttribute("group", new SegmentForm.Group(id, "ANY", List.of(new SegmentForm.Row(id, null, null, ""))));
        model.addAttribute("builder", new Builder(segments.fields()));
        return "marketing/segment-rules :: group";
    }

    /** Count and sample of the rules as entered (htmx), or the problems with them. */
    @PostMapping("/preview")
    String preview(@ModelAttribute("form") SegmentForm form, HttpServletRequest request, Model model) {
        form.bindRows(request);
        try {
            model.addAttribute("preview", segments.preview(form.rules()));
        } catch (InvalidInputException e) {
            model.addAttribute("ruleProblems", e.problems());
        }
        return "marketing/segment-rules :: preview";
    }

    @GetMapping("/{id}")
    String show(@PathVariable long id, Model model) {
        SegmentView s = segments.get(id);
        model.addAttribute("s", s);
        model.addAttribute("preview", segments.previewOf(id));
        model.addAttribute("canManage", MarketingAccess.canManage(CurrentUser.get()));
        model.addAttribute("builder", new Builder(segments.fields()));
        model.addAttribute("form", s.dynamic() ? SegmentForm.of(s.name(), s.description(), s.rules()) : null);
        return "marketing/segment";
    }

    @PostMapping("/{id}/snapshot")
    String snapshot(@PathVariable long id, @RequestParam(required = false) String name, RedirectAttributes redirect) {
        long snapshot = segments.snapshot(id, name);
        redirect.addFlashAttribute("message", "segment.snapshot-created");
        return "redirect:/marketing/segments/" + snapshot;
    }
}
