package dev.guanxi.crm.sales.web;

import dev.guanxi.crm.common.ConflictException;
import dev.guanxi.crm.common.Forms;
import dev.guanxi.crm.common.InvalidInputException;
import dev.guanxi.crm.identity.CurrentUser;
import dev.guanxi.crm.identity.Permission;
import dev.guanxi.crm.identity.UserDirectory;
import dev.guanxi.crm.sales.internal.Opportunity;
import dev.guanxi.crm.sales.internal.OpportunityData;
import dev.guanxi.crm.sales.internal.OpportunityService;
import dev.guanxi.crm.sales.internal.PipelineQuery;
import dev.guanxi.crm.sales.internal.Stage;
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

import java.util.List;
import java.util.Map;

/** The opportunity board (kanban by stage), the opportunity page and the funnel report. */
@Controller
@RequestMapping("/sales")
class PipelinePages {

    private final OpportunityService pipeline;
    private final UserDirectory users;
    private final Validator validator;

    PipelinePages(OpportunityService pipeline, UserDirectory users, Validator validator) {
        this.pipeline = pipeline;
        this.users = users;
        this.validator = validator;
    }

    @GetMapping("/opportunities")
    String board(@ModelAttribute("query") PipelineQuery query, BindingResult binding, Model model) {
        PipelineQuery q = binding.hasErrors() || query == null ? PipelineQuery.empty() : query;
        model.addAttribute("filterError", binding.hasErrors());
        model.addAttribute("board", pipeline.board(q));
        List<Stage> stages = pipeline.stages();
        model.addAttribute("stages", stages);
        model.addAttribute("moves", moves(stages));
        filters(model);
        model.addAttribute("canSell", CurrentUser.get().can(Permission.SELL));
        return "sales/board";
    }

    /**
     * Per open stage, the open stages a card can move to from the board (the one before and the one after it),
     * worked out once per page rather than for each of up to 300 cards.
     */
    static Map<String, List<Stage>> moves(List<Stage> stages) {
        Map<String, List<Stage>> moves = new java.util.HashMap<>();
        for (Stage from : stages) {
            moves.put(from.code(), from.open() ? stages.stream().filter(to -> to.open()
                    && (to.position() == from.position() - 10 || to.position() == from.position() + 10)).toList()
                    : List.of());
        }
        return moves;
    }

    @GetMapping("/opportunities/list")
    String list(@ModelAttribute("query") PipelineQuery query, BindingResult binding,
                @RequestParam(required = false) String stage, @RequestParam(defaultValue = "1") int page,
                jakarta.servlet.http.HttpServletRequest request, Model model) {
        PipelineQuery q = binding.hasErrors() || query == null ? PipelineQuery.empty() : query;
        model.addAttribute("filterError", binding.hasErrors());
        model.addAttribute("page", pipeline.list(q, stage == null || stage.isBlank() ? null : stage, Math.max(1, page), 50));
        model.addAttribute("stages", pipeline.stages());
        model.addAttribute("stage", stage);
        filters(model);
        String others = request.getQueryString() == null ? ""
                : request.getQueryString().replaceAll("(^|&)page=[^&]*", "").replaceFirst("^&", "");
        model.addAttribute("pageLink", request.getContextPath() + "/sales/opportunities/list?" + others
                + (others.isEmpty() ? "" : "&") + "page=");
        return "sales/opportunity-list";
    }

    @GetMapping("/funnel")
    String funnel(@ModelAttribute("query") PipelineQuery query, BindingResult binding, Model model) {
        PipelineQuery q = binding.hasErrors() || query == null ? PipelineQuery.empty() : query;
        model.addAttribute("filterError", binding.hasErrors());
        model.addAttribute("funnel", pipeline.funnel(q));
        filters(model);
        return "sales/funnel";
    }

    @GetMapping("/forecast")
    String forecast(@ModelAttribute("query") PipelineQuery query, BindingResult binding, Model model) {
        PipelineQuery q = binding.hasErrors() || query == null ? PipelineQuery.empty() : query;
        model.addAttribute("filterError", binding.hasErrors());
        model.addAttribute("forecast", pipeline.forecast(q));
        filters(model);
        return "sales/forecast";
    }

    @GetMapping("/opportunities/new")
    String newOpportunity(@RequestParam(required = false) Long customerId, Model model) {
        requireSell();
        OpportunityForm form = new OpportunityForm();
        form.setCustomerId(customerId);
        model.addAttribute("form", form);
        return form(model, null);
    }

    @PostMapping("/opportunities")
    String create(@ModelAttribute("form") OpportunityForm form, BindingResult binding, Model model,
                  RedirectAttributes redirect) {
        OpportunityData data = form.toData();
        Forms.validate(validator, data, binding);
        if (!binding.hasErrors()) {
            try {
                long id = pipeline.create(data);
                redirect.addFlashAttribute("message", "opportunity.created");
                return "redirect:/sales/opportunities/" + id;
            } catch (InvalidInputException e) {
                e.problems().forEach(p -> binding.rejectValue(p.field(), p.messageKey()));
            }
        }
        return form(model, null);
    }

    @GetMapping("/opportunities/{id}")
    String show(@PathVariable long id, Model model) {
        Opportunity o = pipeline.get(id);
        model.addAttribute("o", o);
        model.addAttribute("customerName", pipeline.customerName(o.customerId()));
        model.addAttribute("history", pipeline.history(id));
        model.addAttribute("stages", pipeline.stages());
        model.addAttribute("ownerName", users.displayNames(List.of(o.ownerId())).get(o.ownerId()));
        model.addAttribute("canSell", CurrentUser.get().can(Permission.SELL));
        return "sales/opportunity";
    }

    @PostMapping("/opportunities/{id}/stage")
    String move(@PathVariable long id, @RequestParam int version, @RequestParam String stage,
                @RequestParam(required = false) String lossReason,
                @RequestParam(defaultValue = "false") boolean fromBoard, RedirectAttributes redirect) {
        try {
            pipeline.move(id, version, stage, lossReason);
            redirect.addFlashAttribute("message", "opportunity.moved");
        } catch (ConflictException e) {
            redirect.addFlashAttribute("errorText", e.getMessage());
        } catch (InvalidInputException e) {
            redirect.addFlashAttribute("error", e.problems().get(0).messageKey());
        }
        return fromBoard ? "redirect:/sales/opportunities" : "redirect:/sales/opportunities/" + id;
    }

    private String form(Model model, Opportunity existing) {
        model.addAttribute("existing", existing);
        model.addAttribute("openStages", pipeline.stages().stream().filter(Stage::open).toList());
        return "sales/opportunity-form";
    }

    private void filters(Model model) {
        model.addAttribute("owners", users.activeUsers());
        model.addAttribute("teams", users.teams());
    }

    private static void requireSell() {
        if (!CurrentUser.get().can(Permission.SELL)) {
            throw new AccessDeniedException("missing SELL");
        }
    }
}
