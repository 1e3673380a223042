package dev.guanxi.crm.service.internal;

import dev.guanxi.crm.common.ConflictException;

import java.util.EnumSet;
import java.util.Set;
import java.util.stream.Collectors;

import static dev.guanxi.crm.service.internal.ReturnStatus.*;

/**
 * The legal steps of an after-sales request per type: requested → approved or rejected; goods that travel back
 * are received and inspected; then refunded (refund types) or exchanged. An inspected no-reason return whose
 * goods cannot be resold may still be rejected.
 */
public final class ReturnFlow {

    private ReturnFlow() {
    }

    /** The statuses a request of {@code type} may move to from {@code from}. */
    public static Set<ReturnStatus> next(ReturnType type, ReturnStatus from) {
        return switch (from) {
            case REQUESTED -> EnumSet.of(APPROVED, REJECTED);
            case APPROVED -> type.returnsGoods() ? EnumSet.of(GOODS_RETURNED) : EnumSet.of(REFUNDED);
            case GOODS_RETURNED -> EnumSet.of(INSPECTED);
            case INSPECTED -> EnumSet.of(type.refunds() ? REFUNDED : EXCHANGED, REJECTED);
            case REJECTED, REFUNDED, EXCHANGED -> EnumSet.noneOf(ReturnStatus.class);
        };
    }

    /** @throws ConflictException naming the allowed next steps when {@code from → to} is not a legal step */
    public static void require(String number, ReturnType type, ReturnStatus from, ReturnStatus to) {
        Set<ReturnStatus> allowed = next(type, from);
        if (!allowed.contains(to)) {
            throw new ConflictException("Return " + number + " (" + type + ") is " + from + " and cannot become " + to
                    + "; " + (allowed.isEmpty() ? "it is closed."
                    : "allowed next: " + allowed.stream().map(Enum::name).collect(Collectors.joining(", ")) + "."));
        }
    }
}
