package dev.guanxi.crm.analytics.web;

import dev.guanxi.crm.analytics.internal.PivotDimension;
import dev.guanxi.crm.analytics.internal.PivotExport;
import dev.guanxi.crm.analytics.internal.PivotFactTables;
import dev.guanxi.crm.analytics.internal.PivotRequest;
import dev.guanxi.crm.analytics.internal.PivotResult;
import dev.guanxi.crm.analytics.internal.PivotService;
import dev.guanxi.crm.common.FieldProblem;
import dev.guanxi.crm.common.InvalidInputException;
import dev.guanxi.crm.customer.ValueTier;
import dev.guanxi.crm.identity.CurrentUser;
import dev.guanxi.crm.identity.UserDirectory;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

import java.io.IOException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The pivot report page: choose rows, columns, measures and filters; table with totals, drill-down, chart, export. */
@Controller
class PivotPages {

    private final PivotService pivots;
    private final PivotExport exports;
    private final PivotFactTables facts;
    private final UserDirectory users;
    private final MessageSource messages;

    PivotPages(PivotService pivots, PivotExport exports, PivotFactTables facts, UserDirectory users,
               MessageSource messages) {
        this.pivots = pivots;
        this.exports = exports;
        this.facts = facts;
        this.users = users;
        this.messages = messages;
    }

    @GetMapping("/analytics/pivot")
    String pivot(@RequestParam MultiValueMap<String, String> params, Model model, Locale locale,
                 HttpServletResponse response) {
        CurrentUser me = CurrentUser.get();
        PivotRequest request;
        try {
            request = pivots.parse(params);
            PivotResult result = pivots.run(request, locale);
            model.addAttribute("result", result);
            model.addAttribute("chartType", request.rows().time() ? "line" : "bar");
        } catch (InvalidInputException e) {
            response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
            model.addAttribute("errors", messages(e, locale));
            request = pivots.parse(Map.of());
        }
        model.addAttribute("view", new PivotView(request, filterLabels(request, locale)));
        model.addAttribute("dimensions", PivotDimension.values());
        model.addAttribute("measures", pivots.registry().measures());
        model.addAttribute("owners", users.activeUsers().stream().filter(me::mayAssignTo).toList());
        model.addAttribute("teams", users.teams().stream()
                .filter(t -> me.seesAll() || me.visibleTeamIds().contains(t.id())).toList());
        model.addAttribute("tiers", ValueTier.values());
        model.addAttribute("rebuiltAt", facts.rebuiltAt().map(t -> java.util.Date.from(t)).orElse(null));
        return "analytics/pivot";
    }

    @GetMapping("/analytics/pivot/export")
    void export(@RequestParam MultiValueMap<String, String> params, Locale locale, HttpServletResponse response)
            throws IOException {
        PivotExport.Format format = PivotExport.Format.parse(params.getFirst("format"));
        PivotRequest request = pivots.parse(params);
        exports.export(request, format, locale, PivotExport.download(response, format, request));
    }

    private List<String> messages(InvalidInputException e, Locale locale) {
        List<String> texts = new ArrayList<>();
        for (FieldProblem p : e.problems()) {
            texts.add(p.field() + ": " + messages.getMessage(p.messageKey(), p.args().toArray(), p.messageKey(),
                    locale));
        }
        return texts;
    }

    /** Readable names of the filtered members (owner and team names instead of ids). */
    private Map<PivotDimension, String> filterLabels(PivotRequest request, Locale locale) {
        Map<PivotDimension, String> labels = new EnumMap<>(PivotDimension.class);
        request.filters().forEach((d, v) -> labels.put(d, pivots.label(d, v, locale)));
        return labels;
    }
}
