package dev.guanxi.crm.marketing;

import dev.guanxi.crm.identity.internal.TestAccounts;
import dev.guanxi.crm.support.Api;
import dev.guanxi.crm.support.IntegrationTest;
import dev.guanxi.crm.support.Sessions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.web.servlet.MockMvc;

import java.time.LocalDate;
import java.util.Map;

import static dev.guanxi.crm.marketing.MarketingFixture.rule;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrlPattern;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

@IntegrationTest
class MarketingPagesTest {

    @LocalServerPort
    int port;
    @Autowired
    ApplicationContext context;
    @Autowired
    MockMvc mvc;
    @Autowired
    JdbcClient jdbc;

    MarketingFixture f;
    MockHttpSession marketer;

    @BeforeEach
    void setUp() throws Exception {
        f = new MarketingFixture(context, port);
        marketer = Sessions.login(mvc, f.marketer.username(), TestAccounts.PASSWORD);
    }

    @Test
    void buildASegmentInTheUiCreateACampaignRecordAnExpenseAndSeeItsRoi() throws Exception {
        long zj = f.customer("杭州客户", Map.of("province", "浙江", "city", "杭州"));
        f.customer("北京客户", Map.of("province", "北京", "city", "北京"));

        mvc.perform(get("/marketing/segments/new").session(marketer)).andExpect(status().isOk())
                .andExpect(content().string(containsString("id=\"add-rule\"")));
        // htmx: a new row, and a row re-rendered for its field with that field's operators
        mvc.perform(get("/marketing/segments/rule-row").param("rowGroup", "root").session(marketer))
                .andExpect(status().isOk()).andExpect(content().string(containsString("rule-row")));
        mvc.perform(get("/marketing/segments/rule-row").param("rowField", "tags").session(marketer))
                .andExpect(status().isOk()).andExpect(content().string(allOf(containsString("has_tag"),
                        not(containsString("value=\"gt\"")))));
        mvc.perform(get("/marketing/segments/rule-group").session(marketer)).andExpect(status().isOk())
                .andExpect(content().string(containsString("groupMatch")));

        String[] fields = {"tags", "province"};
        String[] operators = {"has_tag", "in"};
        String[] values = {f.tag, "浙江,上海"};
        mvc.perform(post("/marketing/segments/preview").session(marketer).with(csrf())
                        .param("match", "ALL").param("rowGroup", "root", "root").param("rowField", fields)
                        .param("rowOperator", operators).param("rowValue", values))
                .andExpect(status().isOk())
                .andExpect(content().string(allOf(containsString("id=\"preview-count\">1<"), containsString("杭州客户"))));
        mvc.perform(post("/marketing/segments/preview").session(marketer).with(csrf())
                        .param("rowGroup", "root").param("rowField", "shoeSize").param("rowOperator", "eq")
                        .param("rowValue", "42"))
                .andExpect(status().isOk()).andExpect(content().string(containsString("rule-problems")));

        String location = mvc.perform(post("/marketing/segments").session(marketer).with(csrf())
                        .param("name", "浙江 " + f.tag).param("match", "ALL").param("rowGroup", "root", "root")
                        .param("rowField", fields).param("rowOperator", operators).param("rowValue", values))
                .andExpect(status().is3xxRedirection()).andReturn().getResponse().getRedirectedUrl();
        long segment = Long.parseLong(location.substring(location.lastIndexOf('/') + 1));
        mvc.perform(get(location).session(marketer)).andExpect(status().isOk())
                .andExpect(content().string(containsString("杭州客户")));
        mvc.perform(get(location + "/edit").session(marketer)).andExpect(status().isOk())
                .andExpect(content().string(containsString("浙江,上海")));

        String campaign = mvc.perform(post("/marketing/campaigns").session(marketer).with(csrf())
                        .param("name", "UI campaign " + f.tag).param("channel", "EMAIL").param("status", "ACTIVE")
                        .param("budget", "1000").param("segmentId", String.valueOf(segment)))
                .andExpect(status().is3xxRedirection()).andReturn().getResponse().getRedirectedUrl();
        mvc.perform(post(campaign + "/members").session(marketer).with(csrf())).andExpect(status().is3xxRedirection());
        mvc.perform(post(campaign + "/expenses").session(marketer).with(csrf()).param("category", "PRINTING")
                .param("amount", "100").param("receiptRef", "FP-001").param("spentOn", LocalDate.now().toString()))
                .andExpect(status().is3xxRedirection());
        mvc.perform(post(campaign + "/expenses").session(marketer).with(csrf()).param("category", "PRINTING")
                .param("amount", "abc")).andExpect(status().isOk()).andExpect(content().string(containsString("is-invalid")));
        mvc.perform(get(campaign).session(marketer)).andExpect(status().isOk())
                .andExpect(content().string(allOf(containsString("杭州客户"), containsString("FP-001"),
                        containsString("id=\"roi-expenses\">¥100.00<"), containsString("id=\"roi-value\">-100"))));
        long campaignId = Long.parseLong(campaign.substring(campaign.lastIndexOf('/') + 1));
        assertThat(jdbc.sql("SELECT customer_id FROM campaign_members WHERE campaign_id = ?").param(campaignId)
                .query(Long.class).list()).containsExactly(zj);

        // an attributed payment: an order with the campaign's coupon, paid
        String code = "UI" + System.nanoTime() % 10_000_000;
        f.as(f.marketer).post("/api/v1/coupons", Api.json(Map.of("name", "UI coupon", "campaignId", campaignId,
                "discountType", "FIXED", "discountValue", "10", "validFrom", LocalDate.now().toString(),
                "validUntil", LocalDate.now().plusDays(3).toString(), "sharedCode", code)));
        f.pay(f.act(f.order(zj, f.product("160.00"), "2", code).json(), "confirm"), "310.00");
        mvc.perform(get(campaign).session(marketer)).andExpect(status().isOk())
                .andExpect(content().string(allOf(containsString("id=\"roi-revenue\">¥310.00<"),
                        containsString("id=\"roi-value\">210"))));
        mvc.perform(get("/marketing/campaigns/report").session(marketer)).andExpect(status().isOk())
                .andExpect(content().string(containsString("UI campaign " + f.tag)));
    }

    @Test
    void everyPageRendersForMarketersAndIsClosedToSalesReps() throws Exception {
        long segment = f.segment(f.marketer, f.rules(rule("province", "eq", "浙江")));
        long campaign = f.as(f.marketer).post("/api/v1/campaigns", Api.json(Map.of("name", "Pages " + f.tag,
                "channel", "SMS"))).json().get("id").asLong();
        long coupon = f.as(f.marketer).post("/api/v1/coupons", Api.json(Map.of("name", "Pages coupon",
                "discountType", "PERCENT", "discountValue", "5", "validFrom", LocalDate.now().toString(),
                "validUntil", LocalDate.now().plusDays(3).toString()))).json().get("id").asLong();
        f.as(f.marketer).post("/api/v1/coupons/" + coupon + "/codes", Api.json(Map.of("count", 3)));
        f.customer("页面客户", Map.of("province", "浙江", "city", "杭州"));
        for (String page : new String[]{"/marketing/campaigns", "/marketing/campaigns/new", "/marketing/campaigns/" + campaign,
                "/marketing/campaigns/" + campaign + "/edit", "/marketing/campaigns/report", "/marketing/segments",
                "/marketing/segments/" + segment, "/marketing/coupons", "/marketing/coupons/new",
                "/marketing/coupons/" + coupon, "/marketing/target-groups",
                "/marketing/target-groups?dimension=city&province=浙江&segmentId=" + segment,
                "/marketing/target-groups?dimension=age_band", "/marketing/target-groups?dimension=gender"}) {
            mvc.perform(get(page).session(marketer)).andExpect(status().isOk());
        }
        mvc.perform(get("/marketing").session(marketer)).andExpect(redirectedUrlPattern("/marketing/campaigns*"));
        mvc.perform(get("/marketing/target-groups?dimension=city&province=浙江&segmentId=" + segment).session(marketer))
                .andExpect(content().string(allOf(containsString("杭州"), containsString("target-chart"))));

        MockHttpSession rep = Sessions.login(mvc, f.rep.username(), TestAccounts.PASSWORD);
        mvc.perform(get("/marketing/campaigns").session(rep)).andExpect(status().isForbidden());
        mvc.perform(get("/marketing/target-groups").session(rep)).andExpect(status().isForbidden());
        mvc.perform(post("/marketing/campaigns/" + campaign + "/expenses").session(rep).with(csrf())
                .param("category", "VENUE").param("amount", "5")).andExpect(status().isForbidden());
        MockHttpSession analyst = Sessions.login(mvc, f.analyst.username(), TestAccounts.PASSWORD);
        mvc.perform(get("/marketing/campaigns/" + campaign).session(analyst)).andExpect(status().isOk())
                .andExpect(content().string(not(containsString("id=\"add-expense\""))));
        mvc.perform(get("/marketing/campaigns/new").session(analyst)).andExpect(status().isForbidden());
    }

    @Test
    void theOrderFormTakesACouponCode() throws Exception {
        MockHttpSession rep = Sessions.login(mvc, f.rep.username(), TestAccounts.PASSWORD);
        long customer = f.customer("表单客户", Map.of());
        mvc.perform(get("/sales/orders/new").param("customerId", String.valueOf(customer)).session(rep))
                .andExpect(status().isOk()).andExpect(content().string(containsString("name=\"couponCode\"")));
        long product = f.product("100.00");
        mvc.perform(post("/sales/orders").session(rep).with(csrf()).param("customerId", String.valueOf(customer))
                        .param("lines[0].productId", String.valueOf(product)).param("lines[0].quantity", "1")
                        .param("couponCode", "NOPE-NOPE"))
                .andExpect(status().isOk()).andExpect(content().string(containsString("Unknown coupon code")));
    }
}
