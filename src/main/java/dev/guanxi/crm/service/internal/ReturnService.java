package dev.guanxi.crm.service.internal;

import dev.guanxi.crm.audit.AuditAction;
import dev.guanxi.crm.audit.AuditTrail;
import dev.guanxi.crm.audit.AuditTrail.Change;
import dev.guanxi.crm.common.ConflictException;
import dev.guanxi.crm.common.InvalidInputException;
import dev.guanxi.crm.common.NotFoundException;
import dev.guanxi.crm.common.PageResult;
import dev.guanxi.crm.customer.CustomerDirectory;
import dev.guanxi.crm.customer.TimelineEntry;
import dev.guanxi.crm.identity.CurrentUser;
import dev.guanxi.crm.identity.Permission;
import dev.guanxi.crm.sales.OrderLedger;
import dev.guanxi.crm.sales.OrderLedger.LineFacts;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * After-sales (售后): requests against an order line, the no-reason return window, inspection before refund, and
 * refunds written as negative payments through the sales module's {@link OrderLedger}.
 */
@Service
public class ReturnService {

    private final Returns returns;
    private final OrderLedger ledger;
    private final CustomerDirectory customers;
    private final AuditTrail audit;
    private final ApplicationEventPublisher events;
    private final int returnDays;
    private final ZoneId zone;
    private final Clock clock = Clock.systemUTC();

    ReturnService(Returns returns, OrderLedger ledger, CustomerDirectory customers, AuditTrail audit,
                  ApplicationEventPublisher events, @Value("${guanxi.service.return-days:7}") int returnDays,
                  @Value("${guanxi.activity.zone:Asia/Shanghai}") ZoneId zone) {
        this.returns = returns;
        this.ledger = ledger;
        this.customers = customers;
        this.audit = audit;
        this.events = events;
        this.returnDays = returnDays;
        this.zone = zone;
    }

    public ZoneId zone() {
        return zone;
    }

    public int returnDays() {
        return returnDays;
    }

    /** The lines of an order a request may name (for the request form). */
    @Transactional(readOnly = true)
    public List<LineFacts> orderLines(long orderId) {
        return ledger.lines(orderId);
    }

    @Transactional
    public long create(ReturnDraft draft) {
        CurrentUser user = require();
        LineFacts line = ledger.line(draft.orderLineId())
                .filter(l -> customers.findVisible(l.customerId()).isPresent())
                .orElseThrow(() -> new InvalidInputException("orderLineId", "return.validation.line"));
        if (!line.orderStatus().isReceivable()) {
            throw new InvalidInputException("orderLineId", "return.validation.order-status");
        }
        ReturnType type = draft.type();
        if (type.needsDelivery() && !line.delivered()) {
            throw new InvalidInputException("type", "return.validation.not-delivered");
        }
        if (!type.needsDelivery() && line.delivered()) {
            throw new InvalidInputException("type", "return.validation.already-delivered");
        }
        BigDecimal quantity = draft.quantity() == null ? line.quantity() : draft.quantity();
        if (quantity.compareTo(line.quantity()) > 0) {
            throw new InvalidInputException("quantity", "return.validation.quantity", line.quantity().toPlainString());
        }
        String reason = draft.reason() == null || draft.reason().isBlank() ? null : draft.reason().strip();
        checkReason(type, line, reason);
        if (type.refunds()) {
            if (draft.amount() == null) {
                throw new InvalidInputException("amount", "validation.required");
            }
            checkLimit(draft.amount(), line);
        } else if (draft.amount() != null) {
            throw new InvalidInputException("amount", "return.validation.exchange-amount");
        }
        long id = returns.insert(type, line, quantity, type.refunds() ? draft.amount() : null, reason, user.id());
        Map<String, Change> changes = new LinkedHashMap<>();
        changes.put("type", new Change(null, type));
        changes.put("order", new Change(null, line.orderNumber() + " #" + line.lineNo()));
        changes.put("quantity", new Change(null, quantity));
        if (type.refunds()) {
            changes.put("amount", new Change(null, draft.amount()));
        }
        audit.record("return", id, AuditAction.CREATE, changes, ReturnRequest.number(id));
        timeline(line.customerId(), id, ReturnStatus.REQUESTED, line.orderNumber() + " · " + line.productName()
                + (type.refunds() ? " · " + draft.amount() + " " + line.currency() : ""), user);
        return id;
    }

    /** Outside the no-reason window (counted from delivery) a reason is required; keeping goods always needs one. */
    private void checkReason(ReturnType type, LineFacts line, String reason) {
        if (reason != null || !type.needsDelivery()) {
            return;
        }
        if (type == ReturnType.REFUND_AFTER_RECEIPT) {
            throw new InvalidInputException("reason", "return.validation.reason-keep-goods");
        }
        LocalDate delivered = line.deliveredOn() == null ? line.orderDate() : line.deliveredOn();
        LocalDate lastDay = delivered.plusDays(returnDays);
        if (LocalDate.now(clock.withZone(zone)).isAfter(lastDay)) {
            throw new InvalidInputException("reason", "return.validation.reason-required", returnDays,
                    lastDay.toString());
        }
    }

    private static void checkLimit(BigDecimal amount, LineFacts line) {
        if (amount.compareTo(line.refundable()) > 0) {
            throw new InvalidInputException("amount", "refund.validation.exceeds-paid",
                    line.refundable().toPlainString(), line.currency());
        }
    }

    @Transactional
    public void approve(long id, int version) {
        ReturnRequest r = load(id, version);
        move(r, ReturnStatus.APPROVED, Map.of("decided_at", now()), "");
    }

    @Transactional
    public void reject(long id, int version, String reason) {
        if (reason == null || reason.isBlank()) {
            throw new InvalidInputException("reason", "return.validation.reject-reason");
        }
        if (reason.strip().length() > 500) {
            throw new InvalidInputException("reason", "validation.too-long", 500);
        }
        ReturnRequest r = load(id, version);
        move(r, ReturnStatus.REJECTED, Map.of("reject_reason", reason.strip(), "decided_at", now(),
                "closed_at", now()), reason.strip());
    }

    @Transactional
    public void goodsReturned(long id, int version) {
        ReturnRequest r = load(id, version);
        move(r, ReturnStatus.GOODS_RETURNED, Map.of("goods_returned_at", now()), "");
    }

    @Transactional
    public void inspect(long id, int version, Boolean resellable, String note) {
        if (resellable == null) {
            throw new InvalidInputException("resellable", "validation.required");
        }
        if (note != null && note.strip().length() > 500) {
            throw new InvalidInputException("note", "validation.too-long", 500);
        }
        ReturnRequest r = load(id, version);
        Map<String, Object> columns = new LinkedHashMap<>();
        columns.put("resellable", resellable);
        columns.put("inspection_note", note == null || note.isBlank() ? null : note.strip());
        columns.put("inspected_at", now());
        move(r, ReturnStatus.INSPECTED, columns, resellable ? "resellable" : "not resellable");
    }

    /**
     * Refunds the request (the requested amount when {@code amount} is null) with one negative payment. The order
     * stays locked until commit, so concurrent refunds of the same line never exceed what was paid for it.
     */
    @Transactional
    public void refund(long id, int version, BigDecimal amount) {
        ReturnRequest r = load(id, version);
        ReturnFlow.require(r.number(), r.type(), r.status(), ReturnStatus.REFUNDED);
        if (r.type() == ReturnType.RETURN_AND_REFUND && r.noReason() && !Boolean.TRUE.equals(r.resellable())) {
            throw new ConflictException("Return " + r.number() + " is a no-reason return and the inspection found "
                    + "the goods not resellable; it cannot be refunded under the no-reason policy. Reject it.");
        }
        BigDecimal refund = amount == null ? r.amount() : amount;
        if (refund.signum() <= 0) {
            throw new InvalidInputException("amount", "validation.positive");
        }
        if (refund.scale() > 2) {
            throw new InvalidInputException("amount", "validation.money");
        }
        checkLimit(refund, ledger.lockForRefund(r.orderLineId()));
        long paymentId = ledger.recordRefund(r.orderLineId(), refund, r.number());
        Map<String, Object> columns = new LinkedHashMap<>();
        columns.put("refunded_amount", refund);
        columns.put("refund_payment_id", paymentId);
        columns.put("closed_at", now());
        move(r, ReturnStatus.REFUNDED, columns, refund + " " + r.currency());
    }

    @Transactional
    public void exchange(long id, int version) {
        ReturnRequest r = load(id, version);
        move(r, ReturnStatus.EXCHANGED, Map.of("closed_at", now()), "");
    }

    private void move(ReturnRequest r, ReturnStatus to, Map<String, Object> columns, String detail) {
        ReturnFlow.require(r.number(), r.type(), r.status(), to);
        if (!returns.step(r, to, columns)) {
            throw new ConflictException("Return " + r.number() + " was changed by someone else since you loaded it "
                    + "(version mismatch). Reload it and apply your change again.");
        }
        Map<String, Change> changes = new LinkedHashMap<>();
        changes.put("status", new Change(r.status(), to));
        if (!detail.isEmpty()) {
            changes.put("detail", new Change(null, detail));
        }
        audit.record("return", r.id(), AuditAction.UPDATE, changes, r.number());
        timeline(r.customerId(), r.id(), to, r.orderNumber() + " · " + r.productName()
                + (detail.isEmpty() ? "" : " · " + detail), CurrentUser.get());
    }

    private ReturnRequest load(long id, int version) {
        require();
        ReturnRequest r = find(id);
        if (r.version() != version) {
            throw new ConflictException("Return " + r.number() + " was changed by someone else since you loaded it "
                    + "(version " + r.version() + ", you sent " + version + "). Reload it and apply your change again.");
        }
        return r;
    }

    @Transactional(readOnly = true)
    public ReturnRequest find(long id) {
        ReturnRequest r = returns.find(id, CurrentUser.get()).orElseThrow(() -> new NotFoundException("Return", id));
        return withName(r, customers.names(List.of(r.customerId())).get(r.customerId()));
    }

    @Transactional(readOnly = true)
    public PageResult<ReturnRequest> search(ReturnStatus status, ReturnType type, Long customerId, int page, int size) {
        PageResult.checkRequest(page, size);
        PageResult<ReturnRequest> rows = PageResult.fromProbe(returns.search(new Returns.Query(status, type, customerId),
                CurrentUser.get(), size + 1, (page - 1) * size), page, size);
        Map<Long, String> names = customers.names(rows.items().stream().map(ReturnRequest::customerId).toList());
        return rows.map(r -> withName(r, names.get(r.customerId())));
    }

    @Transactional(readOnly = true)
    public Map<ReturnStatus, Long> openCounts() {
        return returns.openCounts(CurrentUser.get());
    }

    private static ReturnRequest withName(ReturnRequest r, String name) {
        return new ReturnRequest(r.id(), r.number(), r.type(), r.status(), r.orderId(), r.orderLineId(),
                r.orderNumber(), r.lineNo(), r.productName(), r.customerId(), name, r.ownerId(), r.teamId(),
                r.quantity(), r.amount(), r.currency(), r.reason(), r.rejectReason(), r.resellable(),
                r.inspectionNote(), r.refundedAmount(), r.refundPaymentId(), r.createdAt(), r.decidedAt(),
                r.goodsReturnedAt(), r.inspectedAt(), r.closedAt(), r.version(), r.nextSteps());
    }

    private void timeline(long customerId, long id, ReturnStatus status, String detail, CurrentUser user) {
        events.publishEvent(new TimelineEntry(customerId, Instant.now(clock), "RETURN_" + status.name(), "service",
                "return-" + status.name().toLowerCase() + ":" + id, ReturnRequest.number(id), detail,
                user.displayName()));
    }

    private Timestamp now() {
        return Timestamp.from(Instant.now(clock));
    }

    /** Recording and handling after-sales requests needs the right to edit customers (agents, sales, managers). */
    private static CurrentUser require() {
        CurrentUser user = CurrentUser.get();
        if (!user.can(Permission.EDIT_CUSTOMERS)) {
            throw new AccessDeniedException("Role " + user.role() + " lacks " + Permission.EDIT_CUSTOMERS);
        }
        return user;
    }
}
