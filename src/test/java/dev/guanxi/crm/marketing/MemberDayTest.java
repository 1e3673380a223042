package dev.guanxi.crm.marketing;

import dev.guanxi.crm.marketing.internal.MemberDays;
import dev.guanxi.crm.support.Api;
import dev.guanxi.crm.support.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import static dev.guanxi.crm.marketing.MarketingFixture.rule;
import static org.assertj.core.api.Assertions.assertThat;

@IntegrationTest
class MemberDayTest {

    @LocalServerPort
    int port;
    @Autowired
    ApplicationContext context;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    MemberDays memberDays;

    @Test
    void aMemberDayIssuesTheCouponToRecentBuyersOfItsSegmentOnce() {
        MarketingFixture f = new MarketingFixture(context, port);
        long product = f.product("50.00");
        long recent = f.customer("recent buyer", Map.of());
        long old = f.customer("old buyer", Map.of());
        long never = f.customer("never bought", Map.of());
        f.act(f.order(recent, product, "1", null).json(), "confirm");
        jdbc.sql("INSERT INTO orders (customer_id, owner_id, status, order_date, total) VALUES (?, ?, 'COMPLETED', ?, 10)")
                .params(old, f.rep.id(), LocalDate.now().minusMonths(30)).update();
        long segment = f.segment(f.marketer, f.rules());
        long coupon = f.as(f.marketer).post("/api/v1/coupons", Api.json(Map.of("name", "Member day gift",
                "discountType", "FIXED", "discountValue", "20", "validFrom", LocalDate.now().toString(),
                "validUntil", LocalDate.now().plusDays(30).toString()))).json().get("id").asLong();
        long template = f.as(f.marketer).post("/api/v1/message-templates", Api.json(Map.of("name", "会员日 " + f.tag,
                "channel", "SMS", "body", "{{name}}，会员日快乐！您的优惠码 {{coupon}}"))).json().get("id").asLong();
        Api.Response unknownTemplate = f.as(f.marketer).post("/api/v1/campaigns", Api.json(Map.of("name", "x",
                "channel", "MEMBER_DAY", "segmentId", segment, "couponId", coupon, "messageTemplateId", 987654321,
                "scheduledOn", LocalDate.now().toString())));
        assertThat(unknownTemplate.status()).isEqualTo(400);
        assertThat(unknownTemplate.body()).contains("messageTemplateId");
        Api.Response campaign = f.as(f.marketer).post("/api/v1/campaigns", Api.json(Map.of("name", "会员日 " + f.tag,
                "channel", "MEMBER_DAY", "segmentId", segment, "couponId", coupon, "buyerMonths", 12,
                "scheduledOn", LocalDate.now().minusDays(1).toString(), "messageTemplateId", template)));
        assertThat(campaign.status()).as(campaign.body()).isEqualTo(201);
        long id = campaign.json().get("id").asLong();

        Api.Response shared = f.as(f.marketer).post("/api/v1/campaigns", Api.json(Map.of("name", "bad",
                "channel", "MEMBER_DAY", "segmentId", segment, "scheduledOn", LocalDate.now().toString())));
        assertThat(shared.status()).isEqualTo(400);
        assertThat(shared.body()).contains("couponId");

        memberDays.runDue();
        memberDays.runDue();

        assertThat(jdbc.sql("SELECT customer_id FROM campaign_members WHERE campaign_id = ?").param(id)
                .query(Long.class).list()).containsExactly(recent);
        assertThat(jdbc.sql("SELECT customer_id FROM coupon_codes WHERE coupon_id = ?").param(coupon)
                .query(Long.class).list()).containsExactly(recent);
        assertThat(jdbc.sql("SELECT executed_at IS NOT NULL FROM campaigns WHERE id = ?").param(id)
                .query(Boolean.class).single()).isTrue();
        assertThat(memberDays.runDue()).extracting(MemberDays.Run::campaignId).doesNotContain(id);
        // each member was sent its own code, once, and is marked sent
        String code = jdbc.sql("SELECT code FROM coupon_codes WHERE coupon_id = ?").param(coupon).query(String.class).single();
        assertThat(jdbc.sql("""
                        SELECT r.extra ->> 'coupon' FROM message_recipients r JOIN message_jobs j ON j.id = r.job_id
                        WHERE j.source_ref = ? AND r.customer_id = ?""").params("campaign:" + id, recent)
                .query(String.class).list()).containsExactly(code);
        assertThat(jdbc.sql("SELECT status FROM campaign_members WHERE campaign_id = ?").param(id)
                .query(String.class).single()).isEqualTo("SENT");
        assertThat(List.of(old, never)).doesNotContain(recent);
    }
}
