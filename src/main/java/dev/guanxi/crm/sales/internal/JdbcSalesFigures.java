package dev.guanxi.crm.sales.internal;

import dev.guanxi.crm.customer.CustomerSelection;
import dev.guanxi.crm.sales.SalesFigures;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** Revenue and attribution figures over orders, payments and opportunities; see {@link SalesFigures}. */
@Component
class JdbcSalesFigures implements SalesFigures {

    private static final String CONFIRMED = "('CONFIRMED','SHIPPED','DELIVERED','COMPLETED')";

    private final JdbcClient jdbc;

    JdbcSalesFigures(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public CustomerSelection.Sql confirmedOrderTotals() {
        return new CustomerSelection.Sql("SELECT so.customer_id, so.total AS amount FROM orders so "
                + "WHERE so.status IN " + CONFIRMED, Map.of());
    }

    @Override
    public String revenueExpression() {
        return "coalesce((SELECT sum(so.total) FROM orders so WHERE so.customer_id = c.id AND so.status IN "
                + CONFIRMED + "), 0)";
    }

    @Override
    public String orderCountExpression() {
        return "(SELECT count(*) FROM orders so WHERE so.customer_id = c.id AND so.status IN " + CONFIRMED + ")";
    }

    @Override
    public String lastOrderDateExpression() {
        return "(SELECT max(so.order_date) FROM orders so WHERE so.customer_id = c.id AND so.status IN "
                + CONFIRMED + ")";
    }

    @Override
    @Transactional(readOnly = true)
    public Map<Long, CampaignResult> campaignResults(Collection<Long> campaignIds,
                                                     Map<Long, ? extends Collection<Long>> extraOrders) {
        Map<Long, CampaignResult> results = new HashMap<>();
        campaignIds.forEach(id -> results.put(id, CampaignResult.none(id)));
        if (campaignIds.isEmpty()) {
            return results;
        }
        List<Long> extraCampaigns = new ArrayList<>();
        List<Long> extraOrderIds = new ArrayList<>();
        extraOrders.forEach((campaign, orders) -> orders.forEach(order -> {
            extraCampaigns.add(campaign);
            extraOrderIds.add(order);
        }));
        // ids travel as one text parameter each (numbers we produced), unnested into arrays by PostgreSQL
        jdbc.sql("""
                        WITH opp AS (
                          SELECT o.id, o.source_campaign_id AS campaign_id, o.amount, s.outcome
                          FROM opportunities o JOIN opportunity_stages s ON s.code = o.stage
                          WHERE o.source_campaign_id = ANY (string_to_array(:ids, ',')::bigint[])),
                        opp_totals AS (
                          SELECT campaign_id, count(*) AS n, count(*) FILTER (WHERE outcome = 'WON') AS won,
                                 coalesce(sum(amount) FILTER (WHERE outcome = 'WON'), 0) AS won_amount
                          FROM opp GROUP BY campaign_id),
                        attributed AS (
                          SELECT opp.campaign_id, q.order_id FROM quotes q JOIN opp ON q.opportunity_id = opp.id
                          WHERE q.order_id IS NOT NULL
                          UNION
                          SELECT * FROM unnest(string_to_array(:extraCampaigns, ',')::bigint[],
                                               string_to_array(:extraOrders, ',')::bigint[])),
                        order_totals AS (
                          SELECT a.campaign_id, count(*) AS n,
                                 coalesce(sum((SELECT sum(p.amount) FROM payments p WHERE p.order_id = a.order_id)), 0)
                                   AS revenue
                          FROM attributed a JOIN orders o ON o.id = a.order_id AND o.status <> 'CANCELLED'
                          GROUP BY a.campaign_id)
                        SELECT coalesce(t.campaign_id, r.campaign_id), coalesce(t.n, 0), coalesce(t.won, 0),
                               coalesce(t.won_amount, 0), coalesce(r.n, 0), coalesce(r.revenue, 0)
                        FROM opp_totals t FULL JOIN order_totals r ON r.campaign_id = t.campaign_id""")
                .param("ids", join(campaignIds))
                .param("extraCampaigns", join(extraCampaigns))
                .param("extraOrders", join(extraOrderIds))
                .query((rs, n) -> new CampaignResult(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getBigDecimal(4),
                        rs.getLong(5), rs.getBigDecimal(6)))
                .list()
                .forEach(r -> results.put(r.campaignId(), r));
        return results;
    }

    private static String join(Collection<Long> ids) {
        return ids.stream().map(String::valueOf).collect(Collectors.joining(","));
    }
}
