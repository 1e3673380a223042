package dev.guanxi.crm.service.api;

import dev.guanxi.crm.common.InvalidInputException;
import dev.guanxi.crm.common.PageResult;
import dev.guanxi.crm.common.Versions;
import dev.guanxi.crm.sales.OrderLedger.LineFacts;
import dev.guanxi.crm.service.internal.ReturnDraft;
import dev.guanxi.crm.service.internal.ReturnRequest;
import dev.guanxi.crm.service.internal.ReturnService;
import dev.guanxi.crm.service.internal.ReturnStatus;
import dev.guanxi.crm.service.internal.ReturnType;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.Size;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

import java.math.BigDecimal;
import java.util.List;

/** REST API for after-sales requests (returns, refunds, exchanges). */
@RestController
@RequestMapping("/api/v1/returns")
@Tag(name = "Returns and refunds")
class ReturnApi {

    private final ReturnService returns;

    ReturnApi(ReturnService returns) {
        this.returns = returns;
    }

    @GetMapping
    PageResult<ReturnRequest> list(@RequestParam(required = false) ReturnStatus status,
                                   @RequestParam(required = false) ReturnType type,
                                   @RequestParam(required = false) Long customerId,
                                   @RequestParam(defaultValue = "1") int page,
                                   @RequestParam(defaultValue = "50") int size) {
        return returns.search(status, type, customerId, page, size);
    }

    @GetMapping("/order-lines")
    @Operation(summary = "The lines of an order with what was paid and refunded per line, to name in a request")
    List<LineFacts> lines(@RequestParam long orderId) {
        return returns.orderLines(orderId);
    }

    @GetMapping("/{id}")
    ResponseEntity<ReturnRequest> get(@PathVariable long id) {
        ReturnRequest r = returns.find(id);
        return Versions.ok(r, r.version());
    }

    @PostMapping
    @Operation(summary = "Request a refund, return or exchange for an order line; a reason is required outside "
            + "the no-reason window (guanxi.service.return-days after delivery)")
    ResponseEntity<ReturnRequest> create(@Valid @RequestBody ReturnDraft body) {
        long id = returns.create(body);
        ReturnRequest r = returns.find(id);
        return Versions.created(ServletUriComponentsBuilder.fromCurrentRequest().path("/{id}").build(id), r,
                r.version());
    }

    /** What a step may carry: the rejection reason, the inspection result, the refund amount. */
    record Step(@Size(max = 500, message = "{validation.size.max}") String reason, Boolean resellable,
                @Size(max = 500, message = "{validation.size.max}") String note,
                @DecimalMin(value = "0.01", message = "{validation.positive}")
                @Digits(integer = 16, fraction = 2, message = "{validation.money}") BigDecimal amount) {
    }

    @PostMapping("/{id}/{action}")
    @Operation(summary = "Move a request on (send If-Match): approve, reject {reason}, goods-returned, "
            + "inspect {resellable, note}, refund {amount: defaults to the requested amount}, exchange; "
            + "an illegal step is a 409 naming the allowed next steps")
    ResponseEntity<ReturnRequest> step(@PathVariable long id, @PathVariable String action,
                                       @Valid @RequestBody(required = false) Step body,
                                       @RequestHeader(name = "If-Match", required = false) String ifMatch,
                                       @RequestParam(required = false) Integer version) {
        Step s = body == null ? new Step(null, null, null, null) : body;
        int expected = Versions.expected(ifMatch, version);
        switch (action) {
            case "approve" -> returns.approve(id, expected);
            case "reject" -> returns.reject(id, expected, s.reason());
            case "goods-returned" -> returns.goodsReturned(id, expected);
            case "inspect" -> returns.inspect(id, expected, s.resellable(), s.note());
            case "refund" -> returns.refund(id, expected, s.amount());
            case "exchange" -> returns.exchange(id, expected);
            default -> throw new InvalidInputException("action", "return.validation.action");
        }
        ReturnRequest r = returns.find(id);
        return Versions.ok(r, r.version());
    }
}
