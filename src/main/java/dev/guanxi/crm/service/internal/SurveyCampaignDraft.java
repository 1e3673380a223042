package dev.guanxi.crm.service.internal;

import dev.guanxi.crm.customer.CustomerQuery;
import dev.guanxi.crm.customer.CustomerType;
import dev.guanxi.crm.customer.LifecycleStage;
import dev.guanxi.crm.customer.LoyaltyStatus;
import dev.guanxi.crm.customer.ValueTier;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * A new NPS campaign: its name, language, link expiry and who gets it: the members of a marketing segment, or the
 * customers matching the customer list's filters (not both).
 */
public record SurveyCampaignDraft(
        @NotBlank(message = "{validation.required}") @Size(max = 100, message = "{validation.size.max}") String name,
        @Pattern(regexp = "en|zh_CN", message = "{survey.validation.language}") String language,
        @Min(value = 1, message = "{survey.validation.expiry}") @Max(value = 90, message = "{survey.validation.expiry}") Integer expiryDays,
        ValueTier valueTier, CustomerType customerType, LifecycleStage lifecycleStage, LoyaltyStatus loyaltyStatus,
        @Size(max = 50, message = "{validation.size.max}") String province,
        @Size(max = 50, message = "{validation.size.max}") String city,
        @Size(max = 100, message = "{validation.size.max}") String industry,
        @Size(max = 40, message = "{validation.size.max}") String tag,
        Long ownerId, Long teamId, Long segmentId) {

    /** Whether any customer-list filter is set (a segment campaign takes none). */
    boolean hasFilters() {
        return valueTier != null || customerType != null || lifecycleStage != null || loyaltyStatus != null
                || blank(province) != null || blank(city) != null || blank(industry) != null || blank(tag) != null
                || ownerId != null || teamId != null;
    }

    CustomerQuery query() {
        return new CustomerQuery(null, null, customerType, valueTier, loyaltyStatus, null, lifecycleStage, null, null,
                blank(industry), null, blank(province), blank(city), null, null, blank(tag), ownerId, teamId, null);
    }

    private static String blank(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
