package dev.guanxi.crm.service.web;

import dev.guanxi.crm.service.internal.ReturnDraft;
import dev.guanxi.crm.service.internal.ReturnType;

import java.math.BigDecimal;

/** The after-sales request form (mutable for binding). */
public class ReturnForm {

    private Long orderId;
    private Long orderLineId;
    private ReturnType type;
    private BigDecimal quantity;
    private BigDecimal amount;
    private String reason;

    ReturnDraft toDraft() {
        return new ReturnDraft(orderLineId, type, quantity, type == ReturnType.EXCHANGE ? null : amount, reason);
    }

    public Long getOrderId() { return orderId; }
    public void setOrderId(Long orderId) { this.orderId = orderId; }
    public Long getOrderLineId() { return orderLineId; }
    public void setOrderLineId(Long orderLineId) { this.orderLineId = orderLineId; }
    public ReturnType getType() { return type; }
    public void setType(ReturnType type) { this.type = type; }
    public BigDecimal getQuantity() { return quantity; }
    public void setQuantity(BigDecimal quantity) { this.quantity = quantity; }
    public BigDecimal getAmount() { return amount; }
    public void setAmount(BigDecimal amount) { this.amount = amount; }
    public String getReason() { return reason; }
    public void setReason(String reason) { this.reason = reason; }
}
