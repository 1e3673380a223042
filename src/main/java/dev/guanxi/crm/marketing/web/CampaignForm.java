package dev.guanxi.crm.marketing.web;

import dev.guanxi.crm.marketing.CampaignChannel;
import dev.guanxi.crm.marketing.CampaignStatus;
import dev.guanxi.crm.marketing.internal.CampaignData;
import dev.guanxi.crm.marketing.internal.CampaignView;
import org.springframework.format.annotation.DateTimeFormat;

import java.math.BigDecimal;
import java.time.LocalDate;

/** What the campaign form binds. */
public class CampaignForm {

    private String name;
    private CampaignChannel channel = CampaignChannel.EMAIL;
    private CampaignStatus status = CampaignStatus.PLANNED;
    private BigDecimal budget;
    @DateTimeFormat(iso = DateTimeFormat.ISO.DATE)
    private LocalDate startDate;
    @DateTimeFormat(iso = DateTimeFormat.ISO.DATE)
    private LocalDate endDate;
    private Long segmentId;
    private String description;
    @DateTimeFormat(iso = DateTimeFormat.ISO.DATE)
    private LocalDate scheduledOn;
    private Long couponId;
    private Integer buyerMonths;
    private Long messageTemplateId;

    CampaignData data() {
        return new CampaignData(name, channel, status, budget, startDate, endDate, segmentId, description, scheduledOn,
                couponId, buyerMonths, messageTemplateId);
    }

    static CampaignForm of(CampaignView c) {
        CampaignForm f = new CampaignForm();
        f.name = c.name();
        f.channel = c.channel();
        f.status = c.status();
        f.budget = c.budget();
        f.startDate = c.startDate();
        f.endDate = c.endDate();
        f.segmentId = c.segmentId();
        f.description = c.description();
        f.scheduledOn = c.scheduledOn();
        f.couponId = c.couponId();
        f.buyerMonths = c.buyerMonths();
        f.messageTemplateId = c.messageTemplateId();
        return f;
    }

    public String getName() { return name; }
    public void setName(String name) { this.name = name; }
    public CampaignChannel getChannel() { return channel; }
    public void setChannel(CampaignChannel channel) { this.channel = channel; }
    public CampaignStatus getStatus() { return status; }
    public void setStatus(CampaignStatus status) { this.status = status; }
    public BigDecimal getBudget() { return budget; }
    public void setBudget(BigDecimal budget) { this.budget = budget; }
    public LocalDate getStartDate() { return startDate; }
    public void setStartDate(LocalDate startDate) { this.startDate = startDate; }
    public LocalDate getEndDate() { return endDate; }
    public void setEndDate(LocalDate endDate) { this.endDate = endDate; }
    public Long getSegmentId() { return segmentId; }
    public void setSegmentId(Long segmentId) { this.segmentId = segmentId; }
    public String getDescription() { return description; }
    public void setDescription(String description) { this.description = description; }
    public LocalDate getScheduledOn() { return scheduledOn; }
    public void setScheduledOn(LocalDate scheduledOn) { this.scheduledOn = scheduledOn; }
    public Long getCouponId() { return couponId; }
    public void setCouponId(Long couponId) { this.couponId = couponId; }
    public Long getMessageTemplateId() { return messageTemplateId; }
    public void setMessageTemplateId(Long messageTemplateId) { this.messageTemplateId = messageTemplateId; }
    public Integer getBuyerMonths() { return buyerMonths; }
    public void setBuyerMonths(Integer buyerMonths) { this.buyerMonths = buyerMonths; }
}
