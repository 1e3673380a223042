package dev.guanxi.crm.marketing.internal;

import dev.guanxi.crm.marketing.CampaignChannel;
import dev.guanxi.crm.marketing.CampaignStatus;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;

/** A campaign as listed and shown; {@code members} counts its members. */
public record CampaignView(long id, String name, CampaignChannel channel, CampaignStatus status, BigDecimal budget,
                           String currency, LocalDate startDate, LocalDate endDate, Long segmentId, String segmentName,
                           String description, LocalDate scheduledOn, Long couponId, Integer buyerMonths,
                           Instant executedAt, long ownerId, int version, long members, Long messageTemplateId) {
}
