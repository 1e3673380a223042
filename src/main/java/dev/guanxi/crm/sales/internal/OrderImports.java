package dev.guanxi.crm.sales.internal;

import dev.guanxi.crm.audit.AuditTrail;
import dev.guanxi.crm.common.FieldProblem;
import dev.guanxi.crm.common.ImportCells;
import dev.guanxi.crm.customer.CustomerDirectory;
import dev.guanxi.crm.customer.CustomerReference;
import dev.guanxi.crm.customer.CustomerSummary;
import dev.guanxi.crm.customer.TimelineEntry;
import dev.guanxi.crm.identity.CurrentUser;
import dev.guanxi.crm.identity.Permission;
import dev.guanxi.crm.sales.OrderImportTarget;
import dev.guanxi.crm.sales.OrderStatus;
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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Imported orders: the rows of a batch are grouped by order number, each group checked as a whole (customer, date,
 * status, every line priced like an order entered by hand: the given unit price, else the customer's tier price,
 * else the list price) and written as one order, owned by the customer's owner. Historical imports do not announce
 * new business: no large-deal alert or confirmation event is published, only the customer's timeline entry.
 */
@Service
class OrderImports implements OrderImportTarget {

    /** As many lines as an order entered by hand may have (OrderDraft). */
    private static final int MAX_LINES = 200;

    private final Orders orders;
    private final Products products;
    private final CustomerDirectory customers;
    private final AuditTrail audit;
    private final Validator validator;
    private final ApplicationEventPublisher events;
    private final Map<String, OrderStatus> statuses;

    OrderImports(Orders orders, Products products, CustomerDirectory customers, AuditTrail audit, Validator validator,
                 ApplicationEventPublisher events, MessageSource messages) {
        this.orders = orders;
        this.products = products;
        this.customers = customers;
        this.audit = audit;
        this.validator = validator;
        this.events = events;
        this.statuses = ImportCells.choices(messages, OrderStatus.class);
    }

    @Override
    public void checkAllowed() {
        SalesService.require(Permission.SELL);
    }

    /** One line of a file, parsed. */
    private record Line(long line, OrderDraft.Line draft, List<FieldProblem> problems) {
    }

    @Override
    @Transactional(propagation = Propagation.MANDATORY)
    public List<Outcome> write(List<Row> rows, Mode mode, String matchKey, String importRef) {
        checkAllowed();
        CurrentUser user = CurrentUser.get();
        Map<Long, Outcome> outcomes = new LinkedHashMap<>();
        Map<String, List<Row>> byNumber = new LinkedHashMap<>();
        for (Row row : rows) {
            outcomes.put(row.line(), null);
            String number = row.values().get("orderNumber");
            if (number == null || number.isBlank()) {
                outcomes.put(row.line(), Outcome.rejected(row.line(), "orderNumber", "validation.required"));
            } else {
                byNumber.computeIfAbsent(ImportCells.lower(number), n -> new ArrayList<>()).add(row);
            }
        }
        Set<String> taken = orders.takenNumbers(byNumber.keySet());
        Map<CustomerReference, Long> found = customers.resolve(rows.stream()
                .map(r -> CustomerReference.of(r.values())).filter(Objects::nonNull).toList());
        Map<Long, CustomerSummary> summaries = customers.findVisible(found.values());
        Map<String, ProductView> catalogue = products.findBySkus(rows.stream().map(r -> r.values().get("sku"))
                .filter(s -> s != null && !s.isBlank()).map(ImportCells::lower).toList());
        List<TimelineEntry> entries = new ArrayList<>();
        int created = 0;
        for (Map.Entry<String, List<Row>> order : byNumber.entrySet()) {
            List<Row> group = order.getValue();
            Row head = group.get(0);
            Map<String, String> cells = head.values();
            List<FieldProblem> headProblems = new ArrayList<>();
            if (taken.contains(order.getKey())) {
                headProblems.add(new FieldProblem("orderNumber", "validation.import-exists"));
            }
            if (group.size() > MAX_LINES) {
                headProblems.add(new FieldProblem("orderNumber", "validation.order-lines-max"));
            }
            CustomerReference reference = CustomerReference.of(cells);
            CustomerSummary customer = reference == null || !found.containsKey(reference) ? null
                    : summaries.get(found.get(reference));
            if (reference == null) {
                headProblems.add(new FieldProblem(CustomerReference.FIELDS.get(0), "validation.import-customer-missing"));
            } else if (customer == null) {
                headProblems.add(new FieldProblem(reference.field(), "validation.import-customer-unknown"));
            }
            LocalDate orderDate = date(cells, "orderDate", headProblems);
            if (orderDate == null && headProblems.stream().noneMatch(p -> "orderDate".equals(p.field()))) {
                headProblems.add(new FieldProblem("orderDate", "validation.required"));
            }
            LocalDate dueDate = date(cells, "dueDate", headProblems);
            OrderStatus status = OrderStatus.DRAFT;
            String statusCell = cells.get("status");
            if (statusCell != null && !statusCell.isBlank()) {
                status = statuses.get(ImportCells.lower(statusCell));
                if (status == null) {
                    headProblems.add(new FieldProblem("status", "validation.import-choice"));
                }
            }
            List<Line> lines = group.stream().map(r -> line(r, catalogue)).toList();
            boolean bad = !headProblems.isEmpty() || lines.stream().anyMatch(l -> !l.problems().isEmpty());
            if (bad) {
                for (Line l : lines) {
                    List<FieldProblem> problems = new ArrayList<>(l.line() == head.line() ? headProblems : List.of());
                    problems.addAll(l.problems());
                    if (problems.isEmpty()) {
                        // nothing is half-written: a good line of a bad order is not imported either
                        problems.add(new FieldProblem("orderNumber", "validation.import-order-incomplete"));
                    }
                    outcomes.put(l.line(), Outcome.rejected(l.line(), problems));
                }
                continue;
            }
            long id = insert(customer, status, orderDate, dueDate, head.values().get("orderNumber").strip(),
                    ImportCells.text(cells, "notes", null), lines, catalogue);
            created++;
            entries.add(new TimelineEntry(customer.id(), Instant.now(), "ORDER_CREATED", "sales", "order-created:" + id,
                    Order.number(id), head.values().get("orderNumber").strip(), user.displayName()));
            lines.forEach(l -> outcomes.put(l.line(), new Outcome(l.line(), Result.CREATED, id, 0, null, List.of())));
        }
        entries.forEach(events::publishEvent);
        audit.recordImportBatch("order", importRef, created, 0, rows.get(0).line(), rows.get(rows.size() - 1).line(),
                "orders");
        return new ArrayList<>(outcomes.values());
    }

    private long insert(CustomerSummary customer, OrderStatus status, LocalDate orderDate, LocalDate dueDate,
                        String number, String notes, List<Line> lines, Map<String, ProductView> catalogue) {
        List<Long> ids = lines.stream().map(l -> l.draft().productId()).toList();
        Map<Long, BigDecimal> tierPrices = products.tierPrices(ids,
                customer.valueTier() == null ? null : customer.valueTier().name());
        Map<Long, ProductView> byId = new LinkedHashMap<>();
        catalogue.values().forEach(p -> byId.put(p.id(), p));
        List<OrderLine> priced = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            OrderDraft.Line d = lines.get(i).draft();
            ProductView product = byId.get(d.productId());
            BigDecimal price = d.unitPrice() != null ? d.unitPrice()
                    : tierPrices.getOrDefault(product.id(), product.data().listPrice());
            priced.add(new OrderLine(i + 1, product.id(), product.data().name(), d.quantity(), price,
                    d.discountPct() == null ? BigDecimal.ZERO : d.discountPct(),
                    d.taxPct() == null ? BigDecimal.ZERO : d.taxPct()));
        }
        BigDecimal total = priced.stream().map(OrderLine::total).reduce(BigDecimal.ZERO, BigDecimal::add);
        LocalDate due = dueDate != null || !status.isReceivable() ? dueDate : orderDate.plusDays(SalesService.termDays(customer));
        return orders.insert(customer.id(), customer.ownerId(), customer.teamId(), status, orderDate, due, number,
                notes, priced, total);
    }

    /** The line's product (an active one, by SKU) and amounts, validated like a line of the order form. */
    private Line line(Row row, Map<String, ProductView> catalogue) {
        Map<String, String> cells = row.values();
        List<FieldProblem> problems = new ArrayList<>();
        String sku = cells.get("sku");
        ProductView product = sku == null || sku.isBlank() ? null
                : catalogue.get(ImportCells.lower(sku));
        if (sku == null || sku.isBlank()) {
            problems.add(new FieldProblem("sku", "validation.required"));
        } else if (product == null || !product.data().active()) {
            problems.add(new FieldProblem("sku", "validation.import-product-unknown"));
        }
        BigDecimal quantity = number(cells, "quantity", problems);
        if (quantity == null && problems.stream().noneMatch(p -> "quantity".equals(p.field()))) {
            problems.add(new FieldProblem("quantity", "validation.required"));
        }
        OrderDraft.Line draft = new OrderDraft.Line(product == null ? null : product.id(), quantity,
                number(cells, "unitPrice", problems), number(cells, "discountPct", problems),
                number(cells, "taxPct", problems));
        if (problems.isEmpty()) {
            FieldProblem.violations(validator, draft).stream()
                    .map(p -> "productId".equals(p.field()) ? new FieldProblem("sku", p.messageKey()) : p)
                    .forEach(problems::add);
        }
        return new Line(row.line(), draft, problems);
    }

    private static BigDecimal number(Map<String, String> cells, String field, List<FieldProblem> problems) {
        String cell = cells.get(field);
        if (cell == null || cell.isBlank()) {
            return null;
        }
        BigDecimal value = ImportCells.decimal(cell.replace("%", ""));
        if (value == null) {
            problems.add(new FieldProblem(field, "validation.import-number"));
        }
        return value;
    }

    private static LocalDate date(Map<String, String> cells, String field, List<FieldProblem> problems) {
        String cell = cells.get(field);
        if (cell == null || cell.isBlank()) {
            return null;
        }
        LocalDate value = ImportCells.date(cell);
        if (value == null) {
            problems.add(new FieldProblem(field, "validation.import-date"));
        }
        return value;
    }

    @Override
    @Transactional(propagation = Propagation.MANDATORY)
    public int revert(List<Reversal> reversals, String importRef) {
        checkAllowed();
        int deleted = 0;
        for (Reversal r : reversals) {
            if (r.created() && orders.find(r.recordId(), CurrentUser.get()).isPresent()
                    && orders.deleteUnpaid(r.recordId(), r.versionAfterImport())) {
                deleted++;
            }
        }
        audit.recordImportUndo("order", importRef, deleted, 0, "orders");
        return deleted;
    }
}
