package dev.guanxi.crm.sales.web;

import dev.guanxi.crm.sales.internal.OpportunityData;
import org.springframework.format.annotation.DateTimeFormat;

import java.math.BigDecimal;
import java.time.LocalDate;

/** What the opportunity form binds (mutable, so that input with type errors is shown back as entered). */
public class OpportunityForm {

    private Long customerId;
    private String name;
    private BigDecimal amount;
    @DateTimeFormat(iso = DateTimeFormat.ISO.DATE)
    private LocalDate expectedClose;
    private Long sourceCampaignId;
    private String stage;

    OpportunityData toData() {
        return new OpportunityData(customerId, name, amount, expectedClose, sourceCampaignId, stage, null);
    }

    public Long getCustomerId() { return customerId; }
    public void setCustomerId(Long customerId) { this.customerId = customerId; }
    public String getName() { return name; }
    public void setName(String name) { this.name = name; }
    public BigDecimal getAmount() { return amount; }
    public void setAmount(BigDecimal amount) { this.amount = amount; }
    public LocalDate getExpectedClose() { return expectedClose; }
    public void setExpectedClose(LocalDate expectedClose) { this.expectedClose = expectedClose; }
    public Long getSourceCampaignId() { return sourceCampaignId; }
    public void setSourceCampaignId(Long sourceCampaignId) { this.sourceCampaignId = sourceCampaignId; }
    public String getStage() { return stage; }
    public void setStage(String stage) { this.stage = stage; }
}
