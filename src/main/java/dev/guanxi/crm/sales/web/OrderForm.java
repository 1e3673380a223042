package dev.guanxi.crm.sales.web;

import dev.guanxi.crm.sales.internal.OrderDraft;
import org.springframework.format.annotation.DateTimeFormat;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/** What the new-order form binds; blank lines are ignored. */
public class OrderForm {

    private Long customerId;
    @DateTimeFormat(iso = DateTimeFormat.ISO.DATE)
    private LocalDate orderDate;
    private String notes;
    private String couponCode;
    private List<LineForm> lines = new ArrayList<>();

    public static class LineForm {
        private Long productId;
        private BigDecimal quantity;
        private BigDecimal unitPrice;
        private BigDecimal discountPct;
        private BigDecimal taxPct;

        boolean blank() {
            return productId == null && quantity == null && unitPrice == null;
        }

        public Long getProductId() { return productId; }
        public void setProductId(Long productId) { this.productId = productId; }
        public BigDecimal getQuantity() { return quantity; }
        public void setQuantity(BigDecimal quantity) { this.quantity = quantity; }
        public BigDecimal getUnitPrice() { return unitPrice; }
        public void setUnitPrice(BigDecimal unitPrice) { this.unitPrice = unitPrice; }
        public BigDecimal getDiscountPct() { return discountPct; }
        public void setDiscountPct(BigDecimal discountPct) { this.discountPct = discountPct; }
        public BigDecimal getTaxPct() { return taxPct; }
        public void setTaxPct(BigDecimal taxPct) { this.taxPct = taxPct; }
    }

    static OrderForm forCustomer(Long customerId, int blankLines) {
        OrderForm form = new OrderForm();
        form.customerId = customerId;
        form.orderDate = LocalDate.now();
        form.padLines(blankLines);
        return form;
    }

    void padLines(int atLeast) {
        while (lines.size() < atLeast) {
            lines.add(new LineForm());
        }
    }

    /** The draft, keeping line positions so that errors on lines[i] point at the row the user filled. */
    OrderDraft toDraft() {
        List<OrderDraft.Line> filled = new ArrayList<>();
        for (LineForm l : lines) {
            if (!l.blank()) {
                filled.add(new OrderDraft.Line(l.productId, l.quantity, l.unitPrice, l.discountPct, l.taxPct));
            }
        }
        return new OrderDraft(customerId, orderDate, notes, filled, couponCode);
    }

    /** Moves filled lines to the top so that the draft's line i is the form's row i. */
    void compact() {
        List<LineForm> filled = new ArrayList<>(lines.stream().filter(l -> !l.blank()).toList());
        lines = filled;
    }

    public Long getCustomerId() { return customerId; }
    public void setCustomerId(Long customerId) { this.customerId = customerId; }
    public LocalDate getOrderDate() { return orderDate; }
    public void setOrderDate(LocalDate orderDate) { this.orderDate = orderDate; }
    public String getNotes() { return notes; }
    public void setNotes(String notes) { this.notes = notes; }
    public List<LineForm> getLines() { return lines; }
    public String getCouponCode() { return couponCode; }
    public void setCouponCode(String couponCode) { this.couponCode = couponCode; }
    public void setLines(List<LineForm> lines) { this.lines = lines; }
}
