package dev.guanxi.crm.dataio.api;

import dev.guanxi.crm.customer.CustomerQuery;
import dev.guanxi.crm.dataio.internal.CustomerExporter;
import dev.guanxi.crm.dataio.internal.ExportDownload;
import dev.guanxi.crm.dataio.internal.ExportFormat;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletResponse;
import org.springdoc.core.annotations.ParameterObject;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.io.IOException;

/** Downloads the customers of a list view as a file. */
@RestController
@Tag(name = "Customers")
class CustomerExportApi {

    private final CustomerExporter exporter;

    CustomerExportApi(CustomerExporter exporter) {
        this.exporter = exporter;
    }

    @GetMapping("/api/v1/customers/export")
    @Operation(summary = "Export the customers matching the list filters as CSV (UTF-8 with BOM) or Excel (.xlsx)",
            description = "Takes the same filters and sort as GET /api/v1/customers; streamed, every row the caller "
                    + "may see, personal data masked for roles without access to it. Every export is audited.")
    void export(@ParameterObject CustomerQuery query,
                @Parameter(description = "csv (default) or xlsx") @RequestParam(required = false) String format,
                @RequestParam(required = false) String sort, HttpServletResponse response) throws IOException {
        ExportFormat f = ExportFormat.parse(format);
        exporter.export(query, sort, f, LocaleContextHolder.getLocale(), LocaleContextHolder.getTimeZone().toZoneId(),
                () -> ExportDownload.start(response, f));
    }
}
