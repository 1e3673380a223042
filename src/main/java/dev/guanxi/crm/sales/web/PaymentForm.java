package dev.guanxi.crm.sales.web;

import dev.guanxi.crm.sales.PaymentMethod;
import dev.guanxi.crm.sales.internal.PaymentData;
import org.springframework.format.annotation.DateTimeFormat;

import java.math.BigDecimal;
import java.time.LocalDate;

/** What the payment form binds (mutable, so that input with type errors is shown back as entered). */
public class PaymentForm {

    private BigDecimal amount;
    private PaymentMethod method = PaymentMethod.BANK_TRANSFER;
    @DateTimeFormat(iso = DateTimeFormat.ISO.DATE)
    private LocalDate receivedOn = LocalDate.now();
    private String reference;

    PaymentData toData() {
        return new PaymentData(amount, method, receivedOn, reference);
    }

    public BigDecimal getAmount() { return amount; }
    public void setAmount(BigDecimal amount) { this.amount = amount; }
    public PaymentMethod getMethod() { return method; }
    public void setMethod(PaymentMethod method) { this.method = method; }
    public LocalDate getReceivedOn() { return receivedOn; }
    public void setReceivedOn(LocalDate receivedOn) { this.receivedOn = receivedOn; }
    public String getReference() { return reference; }
    public void setReference(String reference) { this.reference = reference; }
}
