package dev.guanxi.crm.demo.internal;

import org.springframework.core.env.Environment;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * How much demo data to load: {@code guanxi.demo.customers} and, each optional, the number of contacts,
 * opportunities, orders, order lines, activities and tickets. An unset size ({@code null}) keeps the demo's own
 * ratio to the customers (no activities). The demo scripts read these from the temporary table {@code demo_sizes}.
 */
record DemoSizes(int customers, Long contacts, Long opportunities, Long orders, Long orderLines, Long activities,
                 Long tickets) {

    static final String PREFIX = "guanxi.demo.";

    DemoSizes {
        check("customers", (long) customers);
        check("contacts", contacts);
        check("opportunities", opportunities);
        check("orders", orders);
        check("order-lines", orderLines);
        check("activities", activities);
        check("tickets", tickets);
        if (customers == 0) {
            sizes(contacts, opportunities, orders, orderLines, activities, tickets).forEach((name, size) -> {
                if (size != null && size > 0) {
                    throw invalid(name + "=" + size + " needs customers, but " + PREFIX + "customers is 0");
                }
            });
        }
        if (orderLines != null && orders == null) {
            throw invalid("order-lines needs " + PREFIX + "orders as well (order lines are spread over the orders)");
        }
        if (orderLines != null && orderLines < orders) {
            throw invalid("order-lines=" + orderLines + " is fewer than " + PREFIX + "orders=" + orders
                    + ": every order has at least one line");
        }
        if (orderLines != null && orders == 0 && orderLines > 0) {
            throw invalid("order-lines=" + orderLines + " needs orders, but " + PREFIX + "orders is 0");
        }
    }

    /** Only customers: every other size follows the demo's own ratios. */
    static DemoSizes of(int customers) {
        return new DemoSizes(customers, null, null, null, null, null, null);
    }

    /** Reads the sizes from {@code guanxi.demo.*}; a value that is not a whole number of at least 0 is refused. */
    static DemoSizes from(Environment env, int defaultCustomers) {
        Function<String, Long> size = name -> parse(name, env.getProperty(PREFIX + name));
        Long customers = size.apply("customers");
        if (customers != null && customers > Integer.MAX_VALUE) {
            throw invalid("customers=" + customers + " is more than " + Integer.MAX_VALUE);
        }
        return new DemoSizes(customers == null ? defaultCustomers : customers.intValue(), size.apply("contacts"),
                size.apply("opportunities"), size.apply("orders"), size.apply("order-lines"),
                size.apply("activities"), size.apply("tickets"));
    }

    /** Whether any size besides the customers was given. */
    boolean custom() {
        return sizes(contacts, opportunities, orders, orderLines, activities, tickets).values().stream()
                .anyMatch(size -> size != null);
    }

    @Override
    public String toString() {
        StringBuilder text = new StringBuilder().append(customers).append(" customers");
        sizes(contacts, opportunities, orders, orderLines, activities, tickets).forEach((name, size) -> {
            if (size != null) {
                text.append(", ").append(size).append(' ').append(name);
            }
        });
        return text.toString();
    }

    private static Map<String, Long> sizes(Long contacts, Long opportunities, Long orders, Long orderLines,
                                           Long activities, Long tickets) {
        Map<String, Long> sizes = new LinkedHashMap<>();
        sizes.put("contacts", contacts);
        sizes.put("opportunities", opportunities);
        sizes.put("orders", orders);
        sizes.put("order-lines", orderLines);
        sizes.put("activities", activities);
        sizes.put("tickets", tickets);
        return sizes;
    }

    private static Long parse(String name, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Long.parseLong(value.strip().replace("_", ""));
        } catch (NumberFormatException e) {
            throw invalid(name + " must be a whole number of at least 0, not '" + value + "'");
        }
    }

    private static void check(String name, Long size) {
        if (size != null && size < 0) {
            throw invalid(name + " must not be negative: " + size);
        }
    }

    private static IllegalArgumentException invalid(String message) {
        return new IllegalArgumentException(PREFIX + message);
    }
}
