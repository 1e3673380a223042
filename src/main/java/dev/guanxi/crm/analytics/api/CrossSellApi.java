package dev.guanxi.crm.analytics.api;

import dev.guanxi.crm.analytics.internal.CrossSellSuggestions;
import dev.guanxi.crm.common.InvalidInputException;
import dev.guanxi.crm.common.NotFoundException;
import dev.guanxi.crm.customer.CustomerDirectory;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;

/** Cross-sell suggestions per customer from the basket rules (issue #6, 8). */
@RestController
@Tag(name = "Basket analysis")
class CrossSellApi {

    private final CrossSellSuggestions suggestions;
    private final CustomerDirectory customers;

    CrossSellApi(CrossSellSuggestions suggestions, CustomerDirectory customers) {
        this.suggestions = suggestions;
        this.customers = customers;
    }

    @GetMapping("/api/v1/customers/{id}/cross-sell")
    @Operation(summary = "Products to offer the customer, best first, each with the rule that suggests it")
    List<CrossSellSuggestions.Suggestion> crossSell(@PathVariable long id,
                                                    @RequestParam(required = false) Integer limit) {
        int n = limit == null ? suggestions.defaultLimit() : limit;
        if (n < 1 || n > 50) {
            throw new InvalidInputException("limit", "crosssell.validation.limit");
        }
        customers.findVisible(id).orElseThrow(() -> new NotFoundException("Customer", id));
        return suggestions.forCustomer(id, n);
    }
}
