package dev.guanxi.crm.customer.internal;

import dev.guanxi.crm.common.InvalidInputException;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.Map;

/**
 * The place after one customer in one order of the list: the next page starts there by key ({@code (created_at, id) <
 * (…)}), through the same index as the first page, however deep it is, instead of reading and skipping the rows before
 * it. Sent as an opaque URL-safe text; a cursor of another order, or one that does not decode, is refused (400).
 */
record CustomerCursor(Order order, long id, String name, Instant at) {

    /** The orders a cursor can continue: the list's sorts, and the recycle bin's newest-deleted-first. */
    enum Order {
        NEWEST("(created_at, id) < (:afterAt, :afterId)"),
        OLDEST("(created_at, id) > (:afterAt, :afterId)"),
        NAME("(name, id) > (:afterName, :afterId)"),
        NAME_DESC("(name, id) < (:afterName, :afterId)"),
        DELETED("(deleted_at, id) < (:afterAt, :afterId)");

        final String condition;

        Order(String condition) {
            this.condition = condition;
        }

        static Order of(CustomerSort sort, boolean deleted) {
            return deleted ? DELETED : valueOf(sort.name());
        }

        boolean byName() {
            return this == NAME || this == NAME_DESC;
        }
    }

    private static final String VERSION = "c1";

    /** The cursor after {@code row} in {@code order}. */
    static CustomerCursor after(CustomerRecord row, Order order) {
        return order.byName() ? new CustomerCursor(order, row.id(), row.data().name(), null)
                : new CustomerCursor(order, row.id(), null, order == Order.DELETED ? row.deletedAt() : row.createdAt());
    }

    String encode() {
        String value = order.byName() ? name : Long.toString(ChronoUnit.MICROS.between(Instant.EPOCH, at));
        String text = VERSION + "\n" + order.name() + "\n" + id + "\n" + value;
        return Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    /** Decodes a cursor of {@code expected}; anything else is invalid input of the {@code after} parameter. */
    static CustomerCursor decode(String cursor, Order expected) {
        try {
            String[] parts = new String(Base64.getUrlDecoder().decode(cursor.strip()), StandardCharsets.UTF_8)
                    .split("\n", 4);
            if (parts.length != 4 || !parts[0].equals(VERSION)) {
                throw invalid();
            }
            Order order = Order.valueOf(parts[1]);
            if (order != expected) {
                throw new InvalidInputException("after", "validation.cursor-order");
            }
            long id = Long.parseLong(parts[2]);
            return order.byName() ? new CustomerCursor(order, id, parts[3], null)
                    : new CustomerCursor(order, id, null, Instant.EPOCH.plus(Long.parseLong(parts[3]), ChronoUnit.MICROS));
        } catch (IllegalArgumentException e) { // bad Base64, unknown order, not a number
            throw invalid();
        }
    }

    private static InvalidInputException invalid() {
        return new InvalidInputException("after", "validation.cursor");
    }

    /** The condition that starts the page after this cursor, and its parameters. */
    String condition() {
        return order.condition;
    }

    Map<String, Object> params() {
        return order.byName() ? Map.of("afterName", name, "afterId", id)
                : Map.of("afterAt", OffsetDateTime.ofInstant(at, ZoneOffset.UTC), "afterId", id);
    }
}
