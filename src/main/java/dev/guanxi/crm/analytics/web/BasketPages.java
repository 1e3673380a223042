package dev.guanxi.crm.analytics.web;

import dev.guanxi.crm.analytics.internal.BasketAccess;
import dev.guanxi.crm.analytics.internal.BasketRules;
import dev.guanxi.crm.analytics.internal.BasketRuns;
import dev.guanxi.crm.common.ConflictException;
import dev.guanxi.crm.common.InvalidInputException;
import dev.guanxi.crm.identity.CurrentUser;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The rule browser of market-basket analysis with the run button and its progress (issue #6, 8). */
@Controller
@RequestMapping("/analytics/basket")
class BasketPages {

    private final BasketRules rules;
    private final BasketRuns runs;

    BasketPages(BasketRules rules, BasketRuns runs) {
        this.rules = rules;
        this.runs = runs;
    }

    @GetMapping
    String rules(@RequestParam(required = false) String productId,
                 @RequestParam(required = false) String minConfidence,
                 @RequestParam(required = false) String minLift,
                 @RequestParam(defaultValue = "lift") String sort,
                 @RequestParam(defaultValue = "desc") String dir,
                 @RequestParam(defaultValue = "1") String page, Model model) {
        BasketRules.Query query;
        try {
            // the page shows confidence in percent
            Double confidence = number(minConfidence, "minConfidence");
            query = new BasketRules.Query(productId == null || productId.isBlank() ? null
                    : (long) (double) number(productId, "productId"),
                    confidence == null ? null : confidence / 100, number(minLift, "minLift"), sort, dir,
                    (int) (double) number(page, "page"), 50).check();
        } catch (InvalidInputException e) {
            model.addAttribute("error", "basket.filter.invalid");
            query = new BasketRules.Query(null, null, null, "lift", "desc", 1, 50);
        }
        model.addAttribute("query", query);
        model.addAttribute("result", rules.find(query));
        model.addAttribute("products", rules.products());
        model.addAttribute("current", runs.current().orElse(null));
        model.addAttribute("defaults", runs.defaults());
        status(model);
        return "analytics/basket";
    }

    @PostMapping("/runs")
    String start(RedirectAttributes redirect) {
        CurrentUser user = CurrentUser.get();
        BasketAccess.checkMayRun(user);
        try {
            runs.start(user.id(), runs.defaults());
            redirect.addFlashAttribute("message", "basket.run.started");
        } catch (ConflictException running) {
            redirect.addFlashAttribute("error", "basket.run.conflict");
        }
        return "redirect:/analytics/basket";
    }

    /** The run state, polled by htmx while a run goes on; reloads the page when the run it watched has ended. */
    @GetMapping("/status")
    String status(@RequestParam(defaultValue = "false") boolean watching, Model model,
                  HttpServletResponse response) {
        status(model);
        BasketRuns.Run latest = (BasketRuns.Run) model.getAttribute("latest");
        if (watching && (latest == null || !latest.running())) {
            response.setHeader("HX-Refresh", "true");
        }
        return "analytics/basket-status :: status";
    }

    private void status(Model model) {
        model.addAttribute("latest", runs.latest().orElse(null));
        model.addAttribute("mayRun", BasketAccess.mayRun(CurrentUser.get()));
    }

    private static Double number(String value, String field) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            double d = Double.parseDouble(value.trim());
            if (!Double.isFinite(d)) {
                throw new NumberFormatException(value);
            }
            return d;
        } catch (NumberFormatException e) {
            throw new InvalidInputException(field, "basket.validation.number");
        }
    }
}
