package dev.guanxi.crm.analytics.web;

import dev.guanxi.crm.analytics.internal.CrossSellSuggestions;
import dev.guanxi.crm.common.NotFoundException;
import dev.guanxi.crm.customer.CustomerDirectory;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;

/** The cross-sell card of a customer, an HTML fragment for the customer 360 page (loaded with htmx). */
@Controller
class CrossSellPages {

    private final CrossSellSuggestions suggestions;
    private final CustomerDirectory customers;

    CrossSellPages(CrossSellSuggestions suggestions, CustomerDirectory customers) {
        this.suggestions = suggestions;
        this.customers = customers;
    }

    @GetMapping("/analytics/customers/{id}/cross-sell")
    String card(@PathVariable long id, Model model) {
        customers.findVisible(id).orElseThrow(() -> new NotFoundException("Customer", id));
        model.addAttribute("customerId", id);
        model.addAttribute("suggestions", suggestions.forCustomer(id, suggestions.defaultLimit()));
        return "analytics/cross-sell-card :: card";
    }
}
