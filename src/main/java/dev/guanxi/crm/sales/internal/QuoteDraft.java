package dev.guanxi.crm.sales.internal;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.springframework.format.annotation.DateTimeFormat;

import java.time.LocalDate;
import java.util.List;

/** A new quote: customer, optional opportunity, validity and lines priced like order lines. */
public record QuoteDraft(
        @NotNull(message = "{validation.required}") Long customerId,
        Long opportunityId,
        @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate validUntil,
        @Size(max = 2000, message = "{validation.size.max}") String notes,
        @NotEmpty(message = "{validation.order-lines}") @Size(max = 200, message = "{validation.order-lines-max}")
        @Valid List<OrderDraft.Line> lines) {
}
