package dev.guanxi.crm.marketing.internal;

import dev.guanxi.crm.marketing.CampaignChannel;
import dev.guanxi.crm.marketing.CampaignStatus;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import java.math.BigDecimal;
import java.time.LocalDate;

/**
 * A campaign as entered. Member days (channel MEMBER_DAY) also name the day the job runs, the coupon it issues and
 * how many months back a customer's last order may lie.
 */
public record CampaignData(
        @NotBlank(message = "{validation.required}") @Size(max = 200, message = "{validation.size.max}") String name,
        @NotNull(message = "{validation.required}") CampaignChannel channel,
        CampaignStatus status,
        @DecimalMin(value = "0", message = "{validation.not-negative}")
        @Digits(integer = 16, fraction = 2, message = "{validation.money}") BigDecimal budget,
        LocalDate startDate,
        LocalDate endDate,
        Long segmentId,
        @Size(max = 4000, message = "{validation.size.max}") String description,
        LocalDate scheduledOn,
        Long couponId,
        @Min(value = 1, message = "{validation.positive}") @Max(value = 120, message = "{campaign.buyer-months-max}")
        Integer buyerMonths,
        Long messageTemplateId) {

    CampaignStatus statusOrDefault() {
        return status == null ? CampaignStatus.PLANNED : status;
    }
}
