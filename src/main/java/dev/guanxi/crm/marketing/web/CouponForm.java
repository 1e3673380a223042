package dev.guanxi.crm.marketing.web;

import dev.guanxi.crm.marketing.internal.CouponData;
import org.springframework.format.annotation.DateTimeFormat;

import java.math.BigDecimal;
import java.time.LocalDate;

/** What the coupon form binds. */
public class CouponForm {

    private String name;
    private Long campaignId;
    private CouponData.DiscountType discountType = CouponData.DiscountType.FIXED;
    private BigDecimal discountValue;
    private BigDecimal minSpend;
    @DateTimeFormat(iso = DateTimeFormat.ISO.DATE)
    private LocalDate validFrom = LocalDate.now();
    @DateTimeFormat(iso = DateTimeFormat.ISO.DATE)
    private LocalDate validUntil = LocalDate.now().plusMonths(1);
    private Integer totalLimit;
    private Integer perCustomerLimit = 1;
    private String sharedCode;

    CouponData data() {
        return new CouponData(name, campaignId, discountType, discountValue, minSpend, validFrom, validUntil,
                totalLimit, perCustomerLimit, sharedCode == null || sharedCode.isBlank() ? null : sharedCode);
    }

    public String getName() { return name; }
    public void setName(String name) { this.name = name; }
    public Long getCampaignId() { return campaignId; }
    public void setCampaignId(Long campaignId) { this.campaignId = campaignId; }
    public CouponData.DiscountType getDiscountType() { return discountType; }
    public void setDiscountType(CouponData.DiscountType discountType) { this.discountType = discountType; }
    public BigDecimal getDiscountValue() { return discountValue; }
    public void setDiscountValue(BigDecimal discountValue) { this.discountValue = discountValue; }
    public BigDecimal getMinSpend() { return minSpend; }
    public void setMinSpend(BigDecimal minSpend) { this.minSpend = minSpend; }
    public LocalDate getValidFrom() { return validFrom; }
    public void setValidFrom(LocalDate validFrom) { this.validFrom = validFrom; }
    public LocalDate getValidUntil() { return validUntil; }
    public void setValidUntil(LocalDate validUntil) { this.validUntil = validUntil; }
    public Integer getTotalLimit() { return totalLimit; }
    public void setTotalLimit(Integer totalLimit) { this.totalLimit = totalLimit; }
    public Integer getPerCustomerLimit() { return perCustomerLimit; }
    public void setPerCustomerLimit(Integer perCustomerLimit) { this.perCustomerLimit = perCustomerLimit; }
    public String getSharedCode() { return sharedCode; }
    public void setSharedCode(String sharedCode) { this.sharedCode = sharedCode; }
}
