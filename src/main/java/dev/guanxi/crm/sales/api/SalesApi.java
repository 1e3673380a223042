package dev.guanxi.crm.sales.api;

import dev.guanxi.crm.common.PageResult;
import dev.guanxi.crm.common.Versions;
import dev.guanxi.crm.common.InvalidInputException;
import dev.guanxi.crm.sales.internal.OrderDetail;
import dev.guanxi.crm.sales.internal.OrderDraft;
import dev.guanxi.crm.sales.internal.OrderQuery;
import dev.guanxi.crm.sales.internal.OrderSummary;
import dev.guanxi.crm.sales.internal.PaymentData;
import dev.guanxi.crm.sales.internal.ProductData;
import dev.guanxi.crm.sales.internal.QuoteDetail;
import dev.guanxi.crm.sales.internal.QuoteDraft;
import dev.guanxi.crm.sales.internal.ProductView;
import dev.guanxi.crm.sales.internal.SalesService;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;

/** REST API for products, orders, payments and receivables. */
@RestController
@RequestMapping("/api/v1")
@Tag(name = "Sales")
class SalesApi {

    private final SalesService sales;

    SalesApi(SalesService sales) {
        this.sales = sales;
    }

    @GetMapping("/products")
    List<ProductView> products(@RequestParam(required = false) String q,
                               @RequestParam(defaultValue = "false") boolean activeOnly,
                               @RequestParam(defaultValue = "1") int page, @RequestParam(defaultValue = "50") int size) {
        PageResult.checkRequest(page, size);
        return sales.products(q, activeOnly, page, size);
    }

    @GetMapping("/products/{id}")
    ResponseEntity<ProductView> product(@PathVariable long id) {
        ProductView p = sales.product(id);
        return Versions.ok(p, p.version());
    }

    @PostMapping("/products")
    ResponseEntity<ProductView> createProduct(@Valid @RequestBody ProductData body) {
        long id = sales.createProduct(body);
        ProductView p = sales.product(id);
        return Versions.created(ServletUriComponentsBuilder.fromCurrentRequest().path("/{id}").build(id), p, p.version());
    }

    @PutMapping("/products/{id}")
    ResponseEntity<ProductView> updateProduct(@PathVariable long id, @Valid @RequestBody ProductData body,
                                              @RequestHeader(name = "If-Match", required = false) String ifMatch,
                                              @RequestParam(required = false) Integer version) {
        sales.updateProduct(id, Versions.expected(ifMatch, version), body);
        ProductView p = sales.product(id);
        return Versions.ok(p, p.version());
    }

    @GetMapping("/orders")
    PageResult<OrderSummary> orders(@ModelAttribute OrderQuery query, @RequestParam(defaultValue = "1") int page,
                                    @RequestParam(defaultValue = "50") int size) {
        return sales.search(query, false, page, size);
    }

    @GetMapping("/receivables")
    @Operation(summary = "Orders with an open balance, earliest due first; overdue=true for overdue ones only")
    PageResult<OrderSummary> receivables(@ModelAttribute OrderQuery query, @RequestParam(defaultValue = "1") int page,
                                         @RequestParam(defaultValue = "50") int size) {
        return sales.search(query, true, page, size);
    }

    @GetMapping("/receivables/balance")
    @Operation(summary = "A customer's open balance on confirmed orders and the overdue part of it")
    SalesService.CustomerBalance balance(@RequestParam long customerId) {
        return sales.customerBalance(customerId);
    }

    @GetMapping("/orders/{id}")
    ResponseEntity<OrderDetail> order(@PathVariable long id) {
        OrderDetail o = sales.detail(id);
        return Versions.ok(o, o.version());
    }

    @PostMapping("/orders")
    ResponseEntity<OrderDetail> createOrder(@Valid @RequestBody OrderDraft body) {
        long id = sales.createOrder(body);
        OrderDetail o = sales.detail(id);
        return Versions.created(ServletUriComponentsBuilder.fromCurrentRequest().path("/{id}").build(id), o, o.version());
    }

    @PostMapping("/orders/{id}/{action}")
    @Operation(summary = "Move an order on: action is confirm, ship, deliver, complete or cancel (send If-Match)")
    ResponseEntity<OrderDetail> transition(@PathVariable long id, @PathVariable String action,
                                           @RequestHeader(name = "If-Match", required = false) String ifMatch,
                                           @RequestParam(required = false) Integer version) {
        Map<String, BiConsumer<Long, Integer>> actions = Map.of("confirm", sales::confirm, "ship", sales::ship,
                "deliver", sales::deliver, "complete", sales::complete, "cancel", sales::cancel);
        BiConsumer<Long, Integer> step = actions.get(action);
        if (step == null) {
            throw new InvalidInputException("action", "validation.order-action");
        }
        step.accept(id, Versions.expected(ifMatch, version));
        OrderDetail o = sales.detail(id);
        return Versions.ok(o, o.version());
    }

    @PostMapping("/orders/{id}/payments")
    ResponseEntity<OrderDetail> pay(@PathVariable long id, @Valid @RequestBody PaymentData body) {
        sales.recordPayment(id, body);
        OrderDetail o = sales.detail(id);
        return ResponseEntity.status(HttpStatus.CREATED).eTag(Versions.etag(o.version())).body(o);
    }

    @GetMapping("/products/{id}/tier-prices")
    Map<String, java.math.BigDecimal> tierPrices(@PathVariable long id) {
        return sales.tierPrices(id);
    }

    @PutMapping("/products/{id}/tier-prices")
    @Operation(summary = "Replace the per-value-tier prices of a product, e.g. {\"VIP\": 320.00}")
    Map<String, java.math.BigDecimal> setTierPrices(@PathVariable long id,
                                                   @RequestBody Map<String, java.math.BigDecimal> body) {
        sales.setTierPrices(id, body);
        return sales.tierPrices(id);
    }

    @PostMapping("/quotes")
    ResponseEntity<QuoteDetail> createQuote(@Valid @RequestBody QuoteDraft body) {
        long id = sales.createQuote(body);
        QuoteDetail q = sales.quote(id);
        return Versions.created(ServletUriComponentsBuilder.fromCurrentRequest().path("/{id}").build(id), q, q.version());
    }

    @GetMapping("/quotes/{id}")
    ResponseEntity<QuoteDetail> quote(@PathVariable long id) {
        QuoteDetail q = sales.quote(id);
        return Versions.ok(q, q.version());
    }

    @PostMapping("/quotes/{id}/{action:send|accept|reject}")
    @Operation(summary = "Send a draft quote, or accept (→ draft order) or reject a sent one; send If-Match")
    ResponseEntity<QuoteDetail> quoteAction(@PathVariable long id, @PathVariable String action,
                                            @RequestHeader(name = "If-Match", required = false) String ifMatch,
                                            @RequestParam(required = false) Integer version) {
        int expected = Versions.expected(ifMatch, version);
        switch (action) {
            case "send" -> sales.sendQuote(id, expected);
            case "accept" -> sales.acceptQuote(id, expected);
            default -> sales.rejectQuote(id, expected);
        }
        QuoteDetail q = sales.quote(id);
        return Versions.ok(q, q.version());
    }

}
