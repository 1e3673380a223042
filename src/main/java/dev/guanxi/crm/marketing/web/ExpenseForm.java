package dev.guanxi.crm.marketing.web;

import dev.guanxi.crm.marketing.internal.ExpenseCategory;
import dev.guanxi.crm.marketing.internal.ExpenseData;
import org.springframework.format.annotation.DateTimeFormat;

import java.math.BigDecimal;
import java.time.LocalDate;

/** What the expense form of a campaign binds. */
public class ExpenseForm {

    private ExpenseCategory category = ExpenseCategory.ADVERTISING;
    private BigDecimal amount;
    private String receiptRef;
    @DateTimeFormat(iso = DateTimeFormat.ISO.DATE)
    private LocalDate spentOn = LocalDate.now();
    private String notes;

    ExpenseData data() {
        return new ExpenseData(category, amount, receiptRef, spentOn, notes);
    }

    public ExpenseCategory getCategory() { return category; }
    public void setCategory(ExpenseCategory category) { this.category = category; }
    public BigDecimal getAmount() { return amount; }
    public void setAmount(BigDecimal amount) { this.amount = amount; }
    public String getReceiptRef() { return receiptRef; }
    public void setReceiptRef(String receiptRef) { this.receiptRef = receiptRef; }
    public LocalDate getSpentOn() { return spentOn; }
    public void setSpentOn(LocalDate spentOn) { this.spentOn = spentOn; }
    public String getNotes() { return notes; }
    public void setNotes(String notes) { this.notes = notes; }
}
