package dev.guanxi.crm.analytics.api;

import dev.guanxi.crm.analytics.internal.PivotDimension;
import dev.guanxi.crm.analytics.internal.PivotExport;
import dev.guanxi.crm.analytics.internal.PivotMeasure;
import dev.guanxi.crm.analytics.internal.PivotRequest;
import dev.guanxi.crm.analytics.internal.PivotService;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/** REST API of the pivot report (OLAP-style: measures by one or two dimensions, with totals and drill-down). */
@RestController
@RequestMapping("/api/v1/analytics/pivot")
@Tag(name = "Analytics")
class PivotApi {

    private final PivotService pivots;
    private final PivotExport exports;
    private final MessageSource messages;

    PivotApi(PivotService pivots, PivotExport exports, MessageSource messages) {
        this.pivots = pivots;
        this.exports = exports;
        this.messages = messages;
    }

    @GetMapping
    @Operation(summary = "A pivot table: measures by rows (and columns), with row, column and grand totals",
            description = "Parameters: rows (default month), cols, measure (repeatable or comma-separated; default "
                    + "revenue), from, to (ISO dates; default the last 12 months), and any dimension as a filter, "
                    + "e.g. province=浙江省&tier=VIP&year=2025 (~ means not set). Dimensions: year, quarter, month, "
                    + "province, city, industry, product (order-line measures only), owner, team, tier, source. "
                    + "Only what the caller may see is counted. Unknown parameters, dimensions or measures, bad dates "
                    + "and from after to are 400.")
    PivotResponse pivot(@Parameter(hidden = true) @RequestParam MultiValueMap<String, String> params) {
        Locale locale = LocaleContextHolder.getLocale();
        PivotRequest request = pivots.parse(params);
        return PivotResponse.of(pivots.run(request, locale), key -> label(key, locale));
    }

    record Catalogue(List<Measure> measures, List<String> dimensions) {
        record Measure(String key, String label, PivotMeasure.Format format, boolean additive) {
        }
    }

    @GetMapping("/measures")
    @Operation(summary = "The measures and dimensions the pivot report offers")
    Catalogue catalogue() {
        Locale locale = LocaleContextHolder.getLocale();
        return new Catalogue(pivots.registry().measures().stream()
                .map(m -> new Catalogue.Measure(m.key(), label(m.key(), locale), m.format(), m.additive())).toList(),
                Arrays.stream(PivotDimension.values()).map(PivotDimension::key).toList());
    }

    @GetMapping("/export")
    @Operation(summary = "The pivot table as a file: format=csv (default) or xlsx, same parameters as the report")
    void export(@Parameter(hidden = true) @RequestParam MultiValueMap<String, String> params,
                HttpServletResponse response) throws IOException {
        PivotExport.Format format = PivotExport.Format.parse(params.getFirst("format"));
        PivotRequest request = pivots.parse(params);
        exports.export(request, format, LocaleContextHolder.getLocale(),
                PivotExport.download(response, format, request));
    }

    private String label(String measure, Locale locale) {
        return messages.getMessage("pivot.measure." + measure, null, measure, locale);
    }
}
