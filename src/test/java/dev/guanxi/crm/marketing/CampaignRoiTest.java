package dev.guanxi.crm.marketing;

import dev.guanxi.crm.support.Api;
import dev.guanxi.crm.support.IntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

import java.time.Duration;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static dev.guanxi.crm.marketing.MarketingFixture.rule;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A hand-computed campaign: 4 members, expenses 300 + 200 = 500; an opportunity from the campaign whose quote
 * became an order paid 800; a campaign coupon (10%) on an order of 500 paid 450; revenue 1,250.
 * ROI = (1250 − 500) / 500 = 1.5; responses 3 (2 converted + 1 responded): cost per response 166.67;
 * conversion 2 / 4 = 0.5.
 */
@IntegrationTest
class CampaignRoiTest {

    @LocalServerPort
    int port;
    @Autowired
    ApplicationContext context;
    @Autowired
    JdbcClient jdbc;

    MarketingFixture f;

    @BeforeEach
    void setUp() {
        f = new MarketingFixture(context, port);
    }

    long campaign(Long segmentId) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", "Spring tea fair " + f.tag);
        body.put("channel", "EVENT");
        body.put("budget", "1000.00");
        body.put("startDate", LocalDate.now().minusDays(10).toString());
        body.put("endDate", LocalDate.now().plusDays(10).toString());
        body.put("segmentId", segmentId);
        Api.Response r = f.as(f.marketer).post("/api/v1/campaigns", Api.json(body));
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return r.json().get("id").asLong();
    }

    @Test
    void roiOfAHandComputedCampaign() {
        long a = f.customer("A", Map.of());
        long b = f.customer("B", Map.of());
        long c = f.customer("C", Map.of());
        f.customer("D", Map.of());
        long segment = f.segment(f.marketer, f.rules());
        long campaign = campaign(segment);
        Api.Response added = f.as(f.marketer).post("/api/v1/campaigns/" + campaign + "/members", "{}");
        assertThat(added.json().get("added").asInt()).isEqualTo(4);
        assertThat(f.as(f.marketer).post("/api/v1/campaigns/" + campaign + "/members", "{}").json().get("added").asInt())
                .as("members are added once").isZero();

        for (String amount : List.of("300.00", "200.00")) {
            Api.Response e = f.as(f.marketer).post("/api/v1/campaigns/" + campaign + "/expenses", Api.json(Map.of(
                    "category", "VENUE", "amount", amount, "receiptRef", "R-" + amount)));
            assertThat(e.status()).as(e.body()).isEqualTo(201);
        }
        JsonNode empty = f.as(f.marketer).get("/api/v1/campaigns/" + campaign + "/roi").json();
        assertThat(empty.get("roi").decimalValue()).isEqualByComparingTo("-1");

        // A: an opportunity from the campaign, quoted, accepted, confirmed and paid 800
        long product = f.product("100.00");
        Api.Response opp = f.as(f.rep).post("/api/v1/opportunities", Api.json(Map.of("customerId", a,
                "name", "Tea for A", "amount", "800.00", "sourceCampaignId", campaign)));
        assertThat(opp.status()).as(opp.body()).isEqualTo(201);
        long oppId = opp.json().get("id").asLong();
        JsonNode quote = f.as(f.rep).post("/api/v1/quotes", Api.json(Map.of("customerId", a, "opportunityId", oppId,
                "lines", List.of(Map.of("productId", product, "quantity", "8"))))).json();
        quote = f.as(f.rep).post("/api/v1/quotes/" + quote.get("id").asLong() + "/send?version="
                + quote.get("version").asInt(), "").json();
        quote = f.as(f.rep).post("/api/v1/quotes/" + quote.get("id").asLong() + "/accept?version="
                + quote.get("version").asInt(), "").json();
        JsonNode orderA = f.as(f.rep).get("/api/v1/orders/" + quote.get("orderId").asLong()).json();
        orderA = f.act(orderA, "confirm");
        f.pay(orderA, "800.00");
        Api.Response won = f.as(f.rep).post("/api/v1/opportunities/" + oppId + "/stage?version="
                + opp.json().get("version").asInt(), Api.json(Map.of("stage", "WON")));
        assertThat(won.status()).as(won.body()).isEqualTo(200);

        // B: an order of 500 with the campaign's coupon (10%): total 450, paid
        Api.Response coupon = f.as(f.marketer).post("/api/v1/coupons", Api.json(Map.of("name", "Fair 10%",
                "campaignId", campaign, "discountType", "PERCENT", "discountValue", "10",
                "validFrom", LocalDate.now().minusDays(1).toString(), "validUntil", LocalDate.now().plusDays(5).toString(),
                "sharedCode", "FAIR" + System.nanoTime() % 1_000_000)));
        assertThat(coupon.status()).as(coupon.body()).isEqualTo(201);
        Api.Response orderB = f.order(b, product, "5", coupon.json().get("sharedCode").asText().toLowerCase());
        assertThat(orderB.status()).as(orderB.body()).isEqualTo(201);
        assertThat(orderB.json().get("total").decimalValue()).isEqualByComparingTo("450.00");
        assertThat(orderB.json().get("discount").decimalValue()).isEqualByComparingTo("50.00");
        f.pay(f.act(orderB.json(), "confirm"), "450.00");

        // C responded by hand
        Api.Response responded = f.as(f.marketer).put("/api/v1/campaigns/" + campaign + "/members/" + c,
                Api.json(Map.of("status", "RESPONDED")), null);
        assertThat(responded.status()).as(responded.body()).isEqualTo(204);

        await().atMost(Duration.ofSeconds(20)).until(() -> "CONVERTED".equals(status(campaign, a)));
        assertThat(status(campaign, b)).isEqualTo("CONVERTED");

        JsonNode roi = f.as(f.analyst).get("/api/v1/campaigns/" + campaign + "/roi").json();
        assertThat(roi.get("expenses").decimalValue()).isEqualByComparingTo("500.00");
        assertThat(roi.get("revenue").decimalValue()).isEqualByComparingTo("1250.00");
        assertThat(roi.get("roi").decimalValue()).isEqualByComparingTo("1.5");
        assertThat(roi.get("targeted").asLong()).isEqualTo(4);
        assertThat(roi.get("responded").asLong()).isEqualTo(3);
        assertThat(roi.get("converted").asLong()).isEqualTo(2);
        assertThat(roi.get("costPerResponse").decimalValue()).isEqualByComparingTo("166.67");
        assertThat(roi.get("conversionRate").decimalValue()).isEqualByComparingTo("0.5");
        assertThat(roi.get("opportunities").asLong()).isEqualTo(1);
        assertThat(roi.get("wonOpportunities").asLong()).isEqualTo(1);
        assertThat(roi.get("orders").asLong()).isEqualTo(2);

        JsonNode report = f.as(f.marketer).get("/api/v1/campaigns/report?from=" + LocalDate.now().minusDays(10)
                + "&to=" + LocalDate.now().minusDays(10)).json();
        JsonNode row = null;
        for (JsonNode r : report.get("campaigns")) {
            if (r.get("campaignId").asLong() == campaign) {
                row = r;
            }
        }
        assertThat(row).isNotNull();
        assertThat(row.get("roi").decimalValue()).isEqualByComparingTo("1.5");
        assertThat(report.get("total").get("expenses").decimalValue()).isGreaterThanOrEqualTo(new java.math.BigDecimal("500"));
    }

    @Test
    void withoutExpensesRoiIsUndefined() {
        long campaign = campaign(null);
        JsonNode roi = f.as(f.marketer).get("/api/v1/campaigns/" + campaign + "/roi").json();
        // undefined ratios are absent (null) in the JSON and shown as "—" on pages
        assertThat(roi.path("roi").isMissingNode() || roi.path("roi").isNull()).isTrue();
        assertThat(roi.path("costPerResponse").isMissingNode() || roi.path("costPerResponse").isNull()).isTrue();
        assertThat(roi.path("conversionRate").isMissingNode() || roi.path("conversionRate").isNull()).isTrue();
        assertThat(roi.get("expenses").decimalValue()).isEqualByComparingTo("0");
    }

    @Test
    void campaignsAreManagedByMarketersManagersAndAdminsOnly() {
        Map<String, Object> body = Map.of("name", "x", "channel", "SMS");
        assertThat(f.as(f.rep).post("/api/v1/campaigns", Api.json(body)).status()).isEqualTo(403);
        assertThat(f.as(f.rep).get("/api/v1/campaigns").status()).isEqualTo(403);
        assertThat(f.as(f.manager).post("/api/v1/campaigns", Api.json(body)).status()).isEqualTo(201);
        assertThat(f.as(f.admin).post("/api/v1/campaigns", Api.json(body)).status()).isEqualTo(201);
        long campaign = campaign(null);
        assertThat(f.as(f.rep).post("/api/v1/campaigns/" + campaign + "/expenses",
                Api.json(Map.of("category", "VENUE", "amount", "1"))).status()).isEqualTo(403);
        Api.Response bad = f.as(f.marketer).post("/api/v1/campaigns/" + campaign + "/expenses",
                Api.json(Map.of("category", "VENUE", "amount", "-5")));
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.body()).contains("amount");
        Api.Response dates = f.as(f.marketer).post("/api/v1/campaigns", Api.json(Map.of("name", "y", "channel", "SMS",
                "startDate", "2026-05-02", "endDate", "2026-05-01")));
        assertThat(dates.status()).isEqualTo(400);
        assertThat(dates.body()).contains("endDate");
        assertThat(f.as(f.marketer).get("/api/v1/campaigns/99999999").status()).isEqualTo(404);
    }

    String status(long campaign, long customer) {
        return jdbc.sql("SELECT status FROM campaign_members WHERE campaign_id = ? AND customer_id = ?")
                .params(campaign, customer).query(String.class).optional().orElse(null);
    }
}
