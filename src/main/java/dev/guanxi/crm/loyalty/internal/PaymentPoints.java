package dev.guanxi.crm.loyalty.internal;

import dev.guanxi.crm.sales.PaymentReceived;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

/** Earns points on payments and takes them back on refunds (negative payments); redeliveries change nothing. */
@Component
class PaymentPoints {

    private final PointsService points;

    PaymentPoints(PointsService points) {
        this.points = points;
    }

    @ApplicationModuleListener
    void on(PaymentReceived payment) {
        points.onPayment(payment);
    }
}
