package dev.guanxi.crm.sales.internal;

import dev.guanxi.crm.audit.AuditTrail;
import dev.guanxi.crm.common.ConflictException;
import dev.guanxi.crm.common.FieldProblem;
import dev.guanxi.crm.common.ImportCells;
import dev.guanxi.crm.common.InvalidInputException;
import dev.guanxi.crm.customer.TimelineEntry;
import dev.guanxi.crm.identity.CurrentUser;
import dev.guanxi.crm.identity.Permission;
import dev.guanxi.crm.sales.PaymentImportTarget;
import dev.guanxi.crm.sales.PaymentMethod;
import jakarta.validation.Validator;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Imported payments, checked like a payment entered on the order page (a confirmed order, at most its open balance,
 * not in the future) and written one by one, so several payments of one order in a file add up. Historical imports
 * do not announce new business: no payment-received event (loyalty points, alerts), only the timeline entry.
 */
@Service
class PaymentImports implements PaymentImportTarget {

    private final Orders orders;
    private final AuditTrail audit;
    private final Validator validator;
    private final ApplicationEventPublisher events;
    private final Map<String, PaymentMethod> methods;

    PaymentImports(Orders orders, AuditTrail audit, Validator validator, ApplicationEventPublisher events,
                   MessageSource messages) {
        this.orders = orders;
        this.audit = audit;
        this.validator = validator;
        this.events = events;
        this.methods = ImportCells.choices(messages, PaymentMethod.class);
    }

    @Override
    public void checkAllowed() {
        SalesService.require(Permission.SELL);
    }

    @Override
    @Transactional(propagation = Propagation.MANDATORY)
    public List<Outcome> write(List<Row> rows, Mode mode, String matchKey, String importRef) {
        checkAllowed();
        CurrentUser user = CurrentUser.get();
        Map<String, Order> byNumber = orders.findByNumbers(rows.stream().map(r -> r.values().get("orderNumber"))
                .filter(n -> n != null && !n.isBlank()).map(ImportCells::lower).toList(), user);
        Set<String> references = orders.paymentReferences(byNumber.values().stream().map(Order::id).toList());
        List<Outcome> outcomes = new ArrayList<>();
        List<TimelineEntry> entries = new ArrayList<>();
        int created = 0;
        for (Row row : rows) {
            Map<String, String> cells = row.values();
            List<FieldProblem> problems = new ArrayList<>();
            String number = cells.get("orderNumber");
            Order order = number == null || number.isBlank() ? null : byNumber.get(ImportCells.lower(number));
            if (number == null || number.isBlank()) {
                problems.add(new FieldProblem("orderNumber", "validation.required"));
            } else if (order == null) {
                problems.add(new FieldProblem("orderNumber", "validation.import-order-unknown"));
            }
            String reference = ImportCells.text(cells, "reference", null);
            String referenceKey = order == null || reference == null ? null
                    : order.id() + "|" + ImportCells.lower(reference);
            if (reference == null) {
                problems.add(new FieldProblem("reference", "validation.import-payment-reference"));
            } else if (referenceKey != null && references.contains(referenceKey)) {
                problems.add(new FieldProblem("reference", "validation.import-exists"));
            }
            PaymentData payment = payment(cells, reference, problems);
            if (problems.isEmpty()) {
                problems.addAll(FieldProblem.violations(validator, payment));
            }
            if (problems.isEmpty()) {
                problems.addAll(receive(order, payment.amount()));
            }
            if (!problems.isEmpty()) {
                outcomes.add(Outcome.rejected(row.line(), problems));
                continue;
            }
            if (!orders.addPaid(order.id(), payment.amount())) {
                outcomes.add(Outcome.rejected(row.line(), "amount", "validation.import-concurrent"));
                continue;
            }
            long id = orders.insertPayment(order.id(), order.customerId(), payment, payment.receivedOn(), user.id());
            references.add(referenceKey);
            created++;
            entries.add(new TimelineEntry(order.customerId(), Instant.now(), "PAYMENT_RECEIVED", "sales",
                    "payment:" + id, order.number(), payment.amount() + " CNY · " + payment.method(),
                    user.displayName()));
            outcomes.add(new Outcome(row.line(), Result.CREATED, id, 0, null, List.of()));
        }
        entries.forEach(events::publishEvent);
        audit.recordImportBatch("payment", importRef, created, 0, rows.get(0).line(),
                rows.get(rows.size() - 1).line(), "payments");
        return outcomes;
    }

    /** The payment of a row: amount, date (today when empty) and method (other when empty). */
    private PaymentData payment(Map<String, String> cells, String reference, List<FieldProblem> problems) {
        BigDecimal amount = null;
        String amountCell = cells.get("amount");
        if (amountCell == null || amountCell.isBlank()) {
            problems.add(new FieldProblem("amount", "validation.required"));
        } else if ((amount = ImportCells.decimal(amountCell)) == null) {
            problems.add(new FieldProblem("amount", "validation.import-number"));
        }
        LocalDate receivedOn = LocalDate.now();
        String dateCell = cells.get("receivedOn");
        if (dateCell != null && !dateCell.isBlank()) {
            receivedOn = ImportCells.date(dateCell);
            if (receivedOn == null) {
                problems.add(new FieldProblem("receivedOn", "validation.import-date"));
            }
        }
        PaymentMethod method = PaymentMethod.OTHER;
        String methodCell = cells.get("method");
        if (methodCell != null && !methodCell.isBlank()) {
            method = methods.get(ImportCells.lower(methodCell));
            if (method == null) {
                problems.add(new FieldProblem("method", "validation.import-choice"));
            }
        }
        return new PaymentData(amount, method, receivedOn, reference);
    }

    /** Takes the amount on the order (kept for the batch's next rows); the reasons it cannot. */
    private static List<FieldProblem> receive(Order order, BigDecimal amount) {
        try {
            order.receive(amount);
            return List.of();
        } catch (InvalidInputException e) {
            return List.of(new FieldProblem("amount", "validation.import-payment-exceeds"));
        } catch (ConflictException e) {
            return List.of(new FieldProblem("orderNumber", "validation.import-order-not-receivable"));
        }
    }

    @Override
    public int revert(List<Reversal> reversals, String importRef) {
        // the importer refuses the undo of payments (undoable() is false) before it gets here
        throw new ConflictException("Payment imports cannot be undone; refund the payments instead.");
    }
}
