package dev.guanxi.crm.sales.internal;

import dev.guanxi.crm.audit.AuditAction;
import dev.guanxi.crm.audit.AuditTrail;
import dev.guanxi.crm.audit.AuditTrail.Change;
import dev.guanxi.crm.common.ConflictException;
import dev.guanxi.crm.common.FieldProblem;
import dev.guanxi.crm.common.InvalidInputException;
import dev.guanxi.crm.common.NotFoundException;
import dev.guanxi.crm.common.PageResult;
import dev.guanxi.crm.customer.CreditTerms;
import dev.guanxi.crm.customer.CustomerDirectory;
import dev.guanxi.crm.customer.CustomerSummary;
import dev.guanxi.crm.customer.Settlement;
import dev.guanxi.crm.customer.TimelineEntry;
import dev.guanxi.crm.identity.CurrentUser;
import dev.guanxi.crm.identity.Permission;
import dev.guanxi.crm.identity.UserDirectory;
import dev.guanxi.crm.sales.DiscountProvider;
import dev.guanxi.crm.sales.OrderConfirmed;
import dev.guanxi.crm.sales.OrderStatus;
import dev.guanxi.crm.sales.PaymentReceived;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/** Use cases of products, orders and payments: permissions, visibility, credit rules, audit and timeline. */
@Service
public class SalesService {

    private final Products products;
    private final Orders orders;
    private final Quotes quotes;
    private final CustomerDirectory customers;
    private final UserDirectory users;
    private final AuditTrail audit;
    private final ApplicationEventPublisher events;
    private final Clock clock;
    private final ObjectProvider<DiscountProvider> discounts;

    SalesService(Products products, Orders orders, Quotes quotes, CustomerDirectory customers, UserDirectory users, AuditTrail audit,
                 ApplicationEventPublisher events, ObjectProvider<DiscountProvider> discounts) {
        this.discounts = discounts;
        this.products = products;
        this.orders = orders;
        this.quotes = quotes;
        this.customers = customers;
        this.users = users;
        this.audit = audit;
        this.events = events;
        this.clock = Clock.systemDefaultZone();
    }

    // ---- products

    @Transactional(readOnly = true)
    public List<ProductView> products(String q, boolean activeOnly, int page, int size) {
        return products.search(q, activeOnly, size, (page - 1) * size);
    }

    @Transactional(readOnly = true)
    public ProductView product(long id) {
        return products.find(id).orElseThrow(() -> new NotFoundException("Product", id));
    }

    @Transactional
    public long createProduct(ProductData input) {
        require(Permission.MANAGE_PRODUCTS);
        ProductData d = input.normalized();
        if (products.skuTaken(d.sku(), null)) {
            throw new InvalidInputException("sku", "validation.sku-taken");
        }
        long id = products.insert(d);
        audit.record("product", id, AuditAction.CREATE, Map.of("name", new Change(null, d.name()),
                "listPrice", new Change(null, d.listPrice())), d.sku());
        return id;
    }

    @Transactional
    public void updateProduct(long id, int version, ProductData input) {
        require(Permission.MANAGE_PRODUCTS);
        ProductView current = product(id);
        ProductData d = input.normalized();
        if (products.skuTaken(d.sku(), id)) {
            throw new InvalidInputException("sku", "validation.sku-taken");
        }
        if (current.version() != version || !products.update(id, version, d)) {
            throw stale("Product", String.valueOf(id));
        }
        Map<String, Change> changes = new java.util.LinkedHashMap<>();
        if (!current.data().name().equals(d.name())) {
            changes.put("name", new Change(current.data().name(), d.name()));
        }
        if (current.data().listPrice().compareTo(d.listPrice()) != 0) {
            changes.put("listPrice", new Change(current.data().listPrice(), d.listPrice()));
        }
        if (!current.data().active().equals(d.active())) {
            changes.put("active", new Change(current.data().active(), d.active()));
        }
        audit.record("product", id, AuditAction.UPDATE, changes, d.sku());
    }

    // ---- orders

    @Transactional
    public long createOrder(OrderDraft draft) {
        CurrentUser user = require(Permission.SELL);
        CustomerSummary customer = customers.findVisible(draft.customerId())
                .orElseThrow(() -> new InvalidInputException("customerId", "validation.customer"));
        if (customer.deleted()) {
            throw new InvalidInputException("customerId", "validation.customer-deleted");
        }
        List<OrderLine> lines = priceLines(draft.lines(), customer);
        BigDecimal total = lines.stream().map(OrderLine::total).reduce(BigDecimal.ZERO, BigDecimal::add);
        LocalDate orderDate = draft.orderDate() == null ? LocalDate.now(clock) : draft.orderDate();
        String notes = draft.notes() == null || draft.notes().isBlank() ? null : draft.notes().strip();
        long id = orders.insert(customer.id(), customer.ownerId(), customer.teamId(), orderDate, notes, lines, total);
        Map<String, Change> changes = new java.util.LinkedHashMap<>(Map.of("customer", new Change(null, customer.id()),
                "lines", new Change(null, lines.size())));
        if (draft.couponCode() != null && !draft.couponCode().isBlank()) {
            DiscountProvider provider = discounts.getIfAvailable();
            if (provider == null) {
                throw new InvalidInputException("couponCode", "coupon.unavailable");
            }
            DiscountProvider.Discount discount = provider.redeem(id, customer.id(), draft.couponCode().strip(), total);
            orders.applyDiscount(id, discount.code(), discount.amount());
            changes.put("coupon", new Change(null, discount.code()));
            changes.put("discount", new Change(null, discount.amount()));
            total = total.subtract(discount.amount());
        }
        changes.put("total", new Change(null, total));
        audit.record("order", id, AuditAction.CREATE, changes, Order.number(id));
        timeline(customer.id(), "ORDER_CREATED", "order-created:" + id, Order.number(id), total + " CNY", user);
        return id;
    }

    /**
     * Prices lines for a customer: the given unit price, else the product's price for the customer's value tier,
     * else its list price; only active products.
     */
    private List<OrderLine> priceLines(List<OrderDraft.Line> input, CustomerSummary customer) {
        List<Long> ids = input.stream().map(OrderDraft.Line::productId).toList();
        Map<Long, ProductView> catalogue = products.findAll(ids);
        Map<Long, BigDecimal> tierPrices = products.tierPrices(ids,
                customer.valueTier() == null ? null : customer.valueTier().name());
        List<FieldProblem> problems = new ArrayList<>();
        List<OrderLine> lines = new ArrayList<>();
        for (int i = 0; i < input.size(); i++) {
            OrderDraft.Line line = input.get(i);
            ProductView product = catalogue.get(line.productId());
            if (product == null || !product.data().active()) {
                problems.add(new FieldProblem("lines[" + i + "].productId", "validation.product"));
                continue;
            }
            BigDecimal price = line.unitPrice() != null ? line.unitPrice()
                    : tierPrices.getOrDefault(product.id(), product.data().listPrice());
            lines.add(new OrderLine(i + 1, product.id(), product.data().name(), line.quantity(), price,
                    line.discountPct() == null ? BigDecimal.ZERO : line.discountPct(),
                    line.taxPct() == null ? BigDecimal.ZERO : line.taxPct()));
        }
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems);
        }
        return lines;
    }

    // ---- quotes

    @Transactional
    public long createQuote(QuoteDraft draft) {
        CurrentUser user = require(Permission.SELL);
        CustomerSummary customer = customers.findVisible(draft.customerId()).filter(c -> !c.deleted())
                .orElseThrow(() -> new InvalidInputException("customerId", "validation.customer"));
        List<OrderLine> lines = priceLines(draft.lines(), customer);
        BigDecimal total = lines.stream().map(OrderLine::total).reduce(BigDecimal.ZERO, BigDecimal::add);
        String notes = draft.notes() == null || draft.notes().isBlank() ? null : draft.notes().strip();
        long id = quotes.insert(customer.id(), draft.opportunityId(), customer.ownerId(), customer.teamId(),
                draft.validUntil(), notes, lines, total);
        audit.record("quote", id, AuditAction.CREATE, Map.of("customer", new Change(null, customer.id()),
                "total", new Change(null, total)), quoteNumber(id));
        return id;
    }

    @Transactional(readOnly = true)
    public QuoteDetail quote(long id) {
        Quotes.Row q = quotes.find(id, CurrentUser.get()).orElseThrow(() -> new NotFoundException("Quote", id));
        List<OrderDetail.Line> lines = quotes.lines(id).stream().map(l -> new OrderDetail.Line(l.lineNo(),
                l.productId(), l.productName(), l.quantity(), l.unitPrice(), l.discountPct(), l.taxPct(), l.total()))
                .toList();
        return new QuoteDetail(q.id(), quoteNumber(q.id()), q.customerId(), customerName(q.customerId()),
                q.opportunityId(), q.ownerId(), q.status(), q.quoteDate(), q.validUntil(), q.total(), q.notes(),
                q.orderId(), q.version(), lines);
    }

    /** The latest quotes the signed-in user may see, optionally of one customer. */
    @Transactional(readOnly = true)
    public List<QuoteDetail> recentQuotes(Long customerId, int limit) {
        List<Quotes.Row> rows = quotes.recent(customerId, CurrentUser.get(), limit);
        Map<Long, String> names = customers.names(rows.stream().map(Quotes.Row::customerId).toList());
        return rows.stream().map(q -> new QuoteDetail(q.id(), quoteNumber(q.id()), q.customerId(),
                names.get(q.customerId()), q.opportunityId(), q.ownerId(), q.status(), q.quoteDate(), q.validUntil(),
                q.total(), q.notes(), q.orderId(), q.version(), List.of())).toList();
    }

    @Transactional
    public void sendQuote(long id, int version) {
        quoteStep(id, version, "DRAFT", "SENT", null);
    }

    @Transactional
    public void rejectQuote(long id, int version) {
        quoteStep(id, version, "SENT", "REJECTED", null);
    }

    /** Accepting a sent quote turns it into a draft order with the quoted lines and prices. */
    @Transactional
    public long acceptQuote(long id, int version) {
        CurrentUser user = require(Permission.SELL);
        Quotes.Row q = quotes.find(id, user).orElseThrow(() -> new NotFoundException("Quote", id));
        if (q.validUntil() != null && q.validUntil().isBefore(LocalDate.now(clock))) {
            throw new ConflictException("Quote " + quoteNumber(id) + " expired on " + q.validUntil()
                    + "; make a new quote.");
        }
        List<OrderLine> lines = quotes.lines(id);
        long orderId = orders.insert(q.customerId(), q.ownerId(), q.teamId(), LocalDate.now(clock), q.notes(), lines,
                q.total());
        quoteStep(id, version, "SENT", "ACCEPTED", orderId);
        audit.record("order", orderId, AuditAction.CREATE, Map.of("quote", new Change(null, quoteNumber(id)),
                "total", new Change(null, q.total())), Order.number(orderId));
        timeline(q.customerId(), "QUOTE_ACCEPTED", "quote-accepted:" + id, quoteNumber(id),
                Order.number(orderId) + " · " + q.total() + " CNY", user);
        return orderId;
    }

    private void quoteStep(long id, int version, String from, String to, Long orderId) {
        CurrentUser user = require(Permission.SELL);
        Quotes.Row q = quotes.find(id, user).orElseThrow(() -> new NotFoundException("Quote", id));
        if (!q.status().equals(from) || q.version() != version || !quotes.setStatus(id, version, from, to, orderId)) {
            throw new ConflictException("Quote " + quoteNumber(id) + " is " + q.status() + " (version " + q.version()
                    + "); only a " + from + " quote can become " + to + ". Reload it.");
        }
        audit.record("quote", id, AuditAction.UPDATE, Map.of("status", new Change(q.status(), to)), quoteNumber(id));
    }

    static String quoteNumber(long id) {
        return String.format("QT-%06d", id);
    }

    @Transactional(readOnly = true)
    public Map<String, BigDecimal> tierPrices(long productId) {
        product(productId);
        return products.tierPricesOf(productId);
    }

    @Transactional
    public void setTierPrices(long productId, Map<String, BigDecimal> prices) {
        require(Permission.MANAGE_PRODUCTS);
        product(productId);
        for (Map.Entry<String, BigDecimal> e : prices.entrySet()) {
            if (java.util.Arrays.stream(dev.guanxi.crm.customer.ValueTier.values())
                    .noneMatch(t -> t.name().equals(e.getKey()))) {
                throw new InvalidInputException("tier", "validation.tier");
            }
            if (e.getValue() == null || e.getValue().signum() < 0 || e.getValue().scale() > 2) {
                throw new InvalidInputException(e.getKey(), "validation.money");
            }
        }
        Map<String, BigDecimal> before = products.tierPricesOf(productId);
        products.replaceTierPrices(productId, prices);
        audit.record("product", productId, AuditAction.UPDATE, Map.of("tierPrices", new Change(before, prices)),
                "tier prices");
    }

    @Transactional(readOnly = true)
    public Order order(long id) {
        return orders.find(id, CurrentUser.get()).orElseThrow(() -> new NotFoundException("Order", id));
    }

    @Transactional(readOnly = true)
    public OrderDetail detail(long id) {
        Order order = order(id);
        return OrderDetail.of(order, customerName(order.customerId()), orders.payments(id), LocalDate.now(clock),
                orders.discount(id));
    }

    private String customerName(long customerId) {
        return customers.names(List.of(customerId)).get(customerId);
    }

    /** The customer's name when the signed-in user may see the customer, else null (no leak through forms). */
    @Transactional(readOnly = true)
    public String visibleCustomerName(long customerId) {
        return customers.findVisible(customerId).map(CustomerSummary::name).orElse(null);
    }

    /** Confirms a draft; a credit customer cannot go beyond their credit limit with it. */
    @Transactional
    public void confirm(long id, int version) {
        CurrentUser user = require(Permission.SELL);
        Order order = order(id);
        CustomerSummary customer = customers.findVisible(order.customerId())
                .orElseThrow(() -> new NotFoundException("Order", id));
        if (customer.settlement() == Settlement.CREDIT) {
            orders.lockCustomer(customer.id());
            BigDecimal open = orders.openBalance(customer.id());
            BigDecimal limit = customer.creditLimit() == null ? BigDecimal.ZERO : customer.creditLimit();
            if (open.add(order.total()).compareTo(limit) > 0) {
                throw new ConflictException("Credit limit exceeded: " + customer.name() + " owes " + open
                        + " CNY on open orders; confirming " + order.number() + " (" + order.total()
                        + " CNY) would exceed the credit limit of " + limit + " CNY. Record payments or raise the limit first.");
            }
        }
        transition(order, version, o -> o.confirm(termDays(customer)), user);
        events.publishEvent(new OrderConfirmed(order.id(), order.customerId(), order.total(), order.currency(),
                order.orderDate(), order.ownerId(), order.teamId()));
    }

    @Transactional
    public void ship(long id, int version) {
        transition(order(id), version, Order::ship, require(Permission.SELL));
    }

    @Transactional
    public void deliver(long id, int version) {
        transition(order(id), version, Order::deliver, require(Permission.SELL));
    }

    @Transactional
    public void complete(long id, int version) {
        transition(order(id), version, Order::complete, require(Permission.SELL));
    }

    /** Cancels an unpaid order; a coupon it used can be used again. */
    @Transactional
    public void cancel(long id, int version) {
        transition(order(id), version, Order::cancel, require(Permission.SELL));
        if (orders.discount(id).couponCode() != null) {
            discounts.ifAvailable(provider -> provider.release(id));
        }
    }

    @Transactional
    public long recordPayment(long orderId, PaymentData payment) {
        CurrentUser user = require(Permission.SELL);
        Order order = order(orderId);
        LocalDate receivedOn = payment.receivedOn() == null ? LocalDate.now(clock) : payment.receivedOn();
        order.receive(payment.amount());
        if (!orders.addPaid(orderId, payment.amount())) {
            throw new ConflictException("The payment of " + payment.amount() + " CNY exceeds the open balance of order "
                    + order.number() + " (another payment was recorded meanwhile). Reload the order.");
        }
        long id = orders.insertPayment(orderId, order.customerId(), payment, receivedOn, user.id());
        audit.record("payment", id, AuditAction.CREATE, Map.of("order", new Change(null, order.number()),
                "amount", new Change(null, payment.amount()), "method", new Change(null, payment.method())),
                order.number());
        timeline(order.customerId(), "PAYMENT_RECEIVED", "payment:" + id, order.number(),
                payment.amount() + " CNY · " + payment.method(), user);
        events.publishEvent(new PaymentReceived(id, orderId, order.customerId(), payment.amount(), order.currency(),
                payment.method(), receivedOn));
        return id;
    }

    /** What a customer owes on confirmed orders, and how much of it is overdue (null: customer not visible). */
    public record CustomerBalance(long customerId, BigDecimal balance, BigDecimal overdue, String currency) {
    }

    @Transactional(readOnly = true)
    public CustomerBalance customerBalance(long customerId) {
        CustomerSummary customer = customers.findVisible(customerId)
                .orElseThrow(() -> new NotFoundException("Customer", customerId));
        return new CustomerBalance(customer.id(), orders.openBalance(customer.id()),
                orders.overdueBalance(customer.id(), LocalDate.now(clock)), "CNY");
    }

    @Transactional(readOnly = true)
    public PageResult<OrderSummary> search(OrderQuery query, boolean receivablesOnly, int page, int size) {
        PageResult.checkRequest(page, size);
        LocalDate today = LocalDate.now(clock);
        PageResult<Orders.Row> rows = PageResult.fromProbe(orders.search(query, CurrentUser.get(), receivablesOnly,
                today, size + 1, (page - 1) * size), page, size);
        Set<Long> customerIds = new HashSet<>();
        Set<Long> ownerIds = new HashSet<>();
        rows.items().forEach(r -> {
            customerIds.add(r.customerId());
            ownerIds.add(r.ownerId());
        });
        Map<Long, String> customerNames = customers.names(customerIds);
        Map<Long, String> ownerNames = users.displayNames(ownerIds);
        return rows.map(r -> new OrderSummary(r.id(), Order.number(r.id()),
                r.customerId(), customerNames.get(r.customerId()), r.ownerId(), ownerNames.get(r.ownerId()),
                r.status(), r.orderDate(), r.dueDate(), r.total(), r.paid(), r.currency(),
                r.status().isReceivable() && r.paid().compareTo(r.total()) < 0 && r.dueDate() != null
                        && r.dueDate().isBefore(today)));
    }

    private void transition(Order order, int version, Consumer<Order> step, CurrentUser user) {
        if (order.version() != version) {
            throw stale("Order", order.number());
        }
        OrderStatus before = order.status();
        step.accept(order);
        if (!orders.updateStatus(order, LocalDate.now(clock))) {
            throw stale("Order", order.number());
        }
        audit.record("order", order.id(), AuditAction.UPDATE, Map.of("status", new Change(before, order.status())),
                order.number());
        timeline(order.customerId(), "ORDER_" + order.status().name(), "order-" + order.status().name().toLowerCase()
                + ":" + order.id(), order.number(), order.total() + " " + order.currency(), user);
    }

    private void timeline(long customerId, String kind, String ref, String title, String detail, CurrentUser user) {
        events.publishEvent(new TimelineEntry(customerId, Instant.now(clock), kind, "sales", ref, title, detail,
                user.displayName()));
    }

    /** Days until a confirmed order is due: the customer's credit terms, else at once. */
    static int termDays(CustomerSummary customer) {
        if (customer.settlement() != Settlement.CREDIT || customer.creditTerms() == null) {
            return 0;
        }
        return customer.creditTerms() == CreditTerms.QUARTERLY ? 90 : 30;
    }

    static CurrentUser require(Permission permission) {
        CurrentUser user = CurrentUser.get();
        if (!user.can(permission)) {
            throw new AccessDeniedException("Role " + user.role() + " lacks " + permission);
        }
        return user;
    }

    private static ConflictException stale(String entity, String id) {
        return new ConflictException(entity + " " + id + " was changed by someone else since you loaded it "
                + "(version mismatch). Reload it and apply your change again.");
    }
}
