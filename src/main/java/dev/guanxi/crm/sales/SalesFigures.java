package dev.guanxi.crm.sales;

import dev.guanxi.crm.customer.CustomerSelection;

import java.math.BigDecimal;
import java.util.Collection;
import java.util.Map;

/**
 * Sales figures for other modules (marketing's target groups, segments and campaign ROI), so that they never read
 * the sales tables themselves. The SQL pieces returned are meant for {@link CustomerSelection}.
 */
public interface SalesFigures {

    /**
     * A sub-query of {@code (customer_id, amount)} rows: the total of each confirmed (not cancelled, not draft) order,
     * for {@link CustomerSelection#distribution} (which sums them per group).
     */
    CustomerSelection.Sql confirmedOrderTotals();

    /** SQL expression over the customers alias {@code c}: the customer's confirmed revenue (0 without orders). */
    String revenueExpression();

    /** SQL expression over the customers alias {@code c}: the number of the customer's confirmed orders. */
    String orderCountExpression();

    /** SQL expression over the customers alias {@code c}: the date of the customer's last confirmed order, or null. */
    String lastOrderDateExpression();

    /**
     * What sales attributes to each campaign: opportunities whose source campaign it is, and the payments received
     * on orders of those opportunities (through their quotes) or on the given orders (e.g. orders that used one of
     * the campaign's coupons). An order attributed twice to a campaign counts once.
     *
     * @param extraOrders campaign id → further order ids attributed to it
     */
    Map<Long, CampaignResult> campaignResults(Collection<Long> campaignIds,
                                              Map<Long, ? extends Collection<Long>> extraOrders);

    record CampaignResult(long campaignId, long opportunities, long wonOpportunities, BigDecimal wonAmount,
                          long orders, BigDecimal revenue) {

        public static CampaignResult none(long campaignId) {
            return new CampaignResult(campaignId, 0, 0, BigDecimal.ZERO, 0, BigDecimal.ZERO);
        }
    }
}
