package dev.guanxi.crm.service.web;

import dev.guanxi.crm.customer.CustomerType;
import dev.guanxi.crm.customer.LifecycleStage;
import dev.guanxi.crm.customer.LoyaltyStatus;
import dev.guanxi.crm.customer.ValueTier;
import dev.guanxi.crm.service.internal.SurveyCampaignDraft;

/** The NPS campaign form (mutable for binding). */
public class SurveyCampaignForm {

    private String name;
    private String language = "zh_CN";
    private Integer expiryDays = 14;
    private ValueTier valueTier;
    private CustomerType customerType;
    private LifecycleStage lifecycleStage;
    private LoyaltyStatus loyaltyStatus;
    private String province;
    private String city;
    private String industry;
    private String tag;
    private Long segmentId;

    SurveyCampaignDraft toDraft() {
        return new SurveyCampaignDraft(name, language, expiryDays, valueTier, customerType, lifecycleStage,
                loyaltyStatus, province, city, industry, tag, null, null, segmentId);
    }

    public Long getSegmentId() { return segmentId; }
    public void setSegmentId(Long segmentId) { this.segmentId = segmentId; }
    public String getName() { return name; }
    public void setName(String name) { this.name = name; }
    public String getLanguage() { return language; }
    public void setLanguage(String language) { this.language = language; }
    public Integer getExpiryDays() { return expiryDays; }
    public void setExpiryDays(Integer expiryDays) { this.expiryDays = expiryDays; }
    public ValueTier getValueTier() { return valueTier; }
    public void setValueTier(ValueTier valueTier) { this.valueTier = valueTier; }
    public CustomerType getCustomerType() { return customerType; }
    public void setCustomerType(CustomerType customerType) { this.customerType = customerType; }
    public LifecycleStage getLifecycleStage() { return lifecycleStage; }
    public void setLifecycleStage(LifecycleStage lifecycleStage) { this.lifecycleStage = lifecycleStage; }
    public LoyaltyStatus getLoyaltyStatus() { return loyaltyStatus; }
    public void setLoyaltyStatus(LoyaltyStatus loyaltyStatus) { this.loyaltyStatus = loyaltyStatus; }
    public String getProvince() { return province; }
    public void setProvince(String province) { this.province = province; }
    public String getCity() { return city; }
    public void setCity(String city) { this.city = city; }
    public String getIndustry() { return industry; }
    public void setIndustry(String industry) { this.industry = industry; }
    public String getTag() { return tag; }
    public void setTag(String tag) { this.tag = tag; }
}
