package dev.guanxi.crm.marketing.internal;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * The effect of a campaign (效果报表): its expenses against the payments attributed to it, and how its members
 * responded. Ratios are null when undefined (no expenses, no responses, no members) and shown as "—".
 *
 * @param responded members who responded or converted
 */
public record CampaignRoi(BigDecimal expenses, BigDecimal revenue, long opportunities, long wonOpportunities,
                          BigDecimal wonAmount, long orders, long targeted, long responded, long converted) {

    /** ROI = (revenue − expenses) / expenses, e.g. 1.5 for 150%. */
    public BigDecimal roi() {
        return expenses.signum() == 0 ? null : revenue.subtract(expenses).divide(expenses, 4, RoundingMode.HALF_UP);
    }

    public BigDecimal costPerResponse() {
        return responded == 0 ? null : expenses.divide(BigDecimal.valueOf(responded), 2, RoundingMode.HALF_UP);
    }

    /** Converted members / targeted members (every member was targeted). */
    public BigDecimal conversionRate() {
        return targeted == 0 ? null
                : BigDecimal.valueOf(converted).divide(BigDecimal.valueOf(targeted), 4, RoundingMode.HALF_UP);
    }

    public CampaignRoi plus(CampaignRoi o) {
        return new CampaignRoi(expenses.add(o.expenses), revenue.add(o.revenue), opportunities + o.opportunities,
                wonOpportunities + o.wonOpportunities, wonAmount.add(o.wonAmount), orders + o.orders,
                targeted + o.targeted, responded + o.responded, converted + o.converted);
    }

    public static CampaignRoi zero() {
        return new CampaignRoi(BigDecimal.ZERO, BigDecimal.ZERO, 0, 0, BigDecimal.ZERO, 0, 0, 0, 0);
    }
}
