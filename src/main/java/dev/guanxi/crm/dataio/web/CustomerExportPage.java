package dev.guanxi.crm.dataio.web;

import dev.guanxi.crm.common.InvalidInputException;
import dev.guanxi.crm.customer.CustomerQuery;
import dev.guanxi.crm.dataio.internal.ExportDownload;
import dev.guanxi.crm.dataio.internal.CustomerExporter;
import dev.guanxi.crm.dataio.internal.ExportFormat;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Controller;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.RequestParam;

import java.io.IOException;

/** The "Export CSV" and "Export Excel" buttons of the customer list: the list's filters, as a file. */
@Controller
class CustomerExportPage {

    private final CustomerExporter exporter;

    CustomerExportPage(CustomerExporter exporter) {
        this.exporter = exporter;
    }

    @GetMapping("/customers/export")
    String export(@ModelAttribute("query") CustomerQuery query, BindingResult binding,
                  @RequestParam(required = false) String format, @RequestParam(required = false) String sort,
                  HttpServletRequest request, HttpServletResponse response) throws IOException {
        String back = "redirect:/customers" + (request.getQueryString() == null ? ""
                : "?" + request.getQueryString().replaceAll("(^|&)format=[^&]*", "").replaceFirst("^&", ""));
        if (binding.hasErrors()) {
            return back; // the list shows that a filter value is not valid
        }
        try {
            ExportFormat f = ExportFormat.parse(format);
            exporter.export(query, sort, f, LocaleContextHolder.getLocale(),
                    LocaleContextHolder.getTimeZone().toZoneId(), () -> ExportDownload.start(response, f));
            return null;
        } catch (InvalidInputException e) {
            if (response.isCommitted()) {
                throw e;
            }
            return back;
        }
    }
}
