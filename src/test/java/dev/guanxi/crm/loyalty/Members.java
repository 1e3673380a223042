package dev.guanxi.crm.loyalty;

import dev.guanxi.crm.sales.PaymentMethod;
import dev.guanxi.crm.sales.PaymentReceived;
import dev.guanxi.crm.support.Api;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/** Customers and payment events for loyalty tests; ids are unique within the test JVM's shared database. */
final class Members {

    private static final AtomicLong IDS = new AtomicLong(System.nanoTime() % 1_000_000_000L * 10);

    private Members() {
    }

    /** A new consumer owned by the API caller. */
    static long customer(Api api, String name) {
        Api.Response r = api.post("/api/v1/customers", Api.json(Map.of("kind", "PERSON",
                "name", name + " " + System.nanoTime(), "customerType", "CONSUMER")));
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return r.json().get("id").asLong();
    }

    static long nextId() {
        return IDS.incrementAndGet();
    }

    /** A payment (or, with a negative amount, a refund) of the order as sales publishes it. */
    static PaymentReceived payment(long customerId, long orderId, String amount, LocalDate on) {
        return new PaymentReceived(nextId(), orderId, customerId, new BigDecimal(amount), "CNY", PaymentMethod.ALIPAY, on);
    }
}
