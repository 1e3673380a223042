package dev.guanxi.crm.loyalty;

import dev.guanxi.crm.identity.Role;
import dev.guanxi.crm.identity.internal.TestAccounts;
import dev.guanxi.crm.identity.internal.TestAccounts.Account;
import dev.guanxi.crm.loyalty.internal.PointsService;
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

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** The loyalty pages render in both languages, redeem and adjust from the customer's points page, edit tiers. */
@IntegrationTest
class LoyaltyPagesTest {

    @Autowired
    MockMvc mvc;
    @Autowired
    ApplicationContext context;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    PointsService points;
    @LocalServerPort
    int port;

    Account manager;
    Account rep;
    Account admin;
    long customerId;

    @BeforeEach
    void setUp() {
        TestAccounts accounts = new TestAccounts(context);
        long team = accounts.team("loyalty-pages");
        manager = accounts.manager(team);
        rep = accounts.user(Role.SALES_REP, team);
        admin = accounts.user(Role.ADMIN, null);
        customerId = Members.customer(new Api(port, rep.token()), "积分页面");
        points.onPayment(Members.payment(customerId, Members.nextId(), "800.00", LocalDate.now()));
    }

    @Test
    void aRepRedeemsOnTheCustomersPointsPageAndAManagerAdjusts() throws Exception {
        MockHttpSession repSession = Sessions.login(mvc, rep.username(), TestAccounts.PASSWORD);
        mvc.perform(get("/loyalty/customers/" + customerId).session(repSession).locale(Locale.SIMPLIFIED_CHINESE))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("兑换积分")))
                .andExpect(content().string(containsString("800")))
                .andExpect(content().string(not(containsString("adjust-form"))));
        mvc.perform(post("/loyalty/customers/" + customerId + "/redeem").session(repSession).with(csrf())
                        .param("points", "900").param("reason", "too much"))
                .andExpect(redirectedUrl("/loyalty/customers/" + customerId))
                .andExpect(flash().attribute("error", "loyalty.validation.overdraw"));
        mvc.perform(post("/loyalty/customers/" + customerId + "/redeem").session(repSession).with(csrf())
                        .param("points", "abc"))
                .andExpect(flash().attribute("error", "loyalty.validation.whole-number"));
        mvc.perform(post("/loyalty/customers/" + customerId + "/redeem").session(repSession).with(csrf())
                        .param("points", "300").param("reason", "茶杯 Cups"))
                .andExpect(flash().attribute("message", "loyalty.redeemed"));
        mvc.perform(post("/loyalty/customers/" + customerId + "/adjust").session(repSession).with(csrf())
                        .param("points", "10").param("reason", "x"))
                .andExpect(status().isForbidden());

        MockHttpSession managerSession = Sessions.login(mvc, manager.username(), TestAccounts.PASSWORD);
        mvc.perform(post("/loyalty/customers/" + customerId + "/adjust").session(managerSession).with(csrf())
                        .param("points", "-50").param("reason", "录入错误 Entry error"))
                .andExpect(flash().attribute("message", "loyalty.adjusted"));
        mvc.perform(get("/loyalty/customers/" + customerId).session(managerSession).locale(Locale.ENGLISH))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("id=\"points-balance\">450<")))
                .andExpect(content().string(containsString("Entry error")));
        mvc.perform(get("/loyalty").session(managerSession).locale(Locale.ENGLISH))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("Silver")))
                .andExpect(content().string(not(containsString("new-rule"))));
    }

    @Test
    void anAdministratorEditsTiersAndRulesOnThePage() throws Exception {
        MockHttpSession session = Sessions.login(mvc, admin.username(), TestAccounts.PASSWORD);
        mvc.perform(get("/loyalty").session(session).locale(Locale.SIMPLIFIED_CHINESE))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("金卡会员")))
                .andExpect(content().string(containsString("new-rule")));
        mvc.perform(get("/loyalty/tiers/new").session(session)).andExpect(status().isOk());
        mvc.perform(post("/loyalty/tiers").session(session).with(csrf()).locale(Locale.ENGLISH)
                        .param("nameEn", "Jade").param("nameZh", "").param("basis", "POINTS")
                        .param("threshold", "lots").param("periodMonths", "6").param("rank", "1"))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("is-invalid")));
        mvc.perform(post("/loyalty/tiers").session(session).with(csrf())
                        .param("nameEn", "Jade").param("nameZh", "翡翠会员").param("basis", "POINTS")
                        .param("threshold", "987654321").param("periodMonths", "6").param("rank", "88")
                        .param("pointsMultiplier", "1.1").param("active", "false"))
                .andExpect(redirectedUrl("/loyalty"));
        long id = jdbc.sql("SELECT id FROM loyalty_tiers WHERE name_zh = '翡翠会员'").query(Long.class).single();
        mvc.perform(get("/loyalty/tiers/" + id + "/edit").session(session)).andExpect(status().isOk())
                .andExpect(content().string(containsString("翡翠会员")));

        mvc.perform(post("/loyalty/rules").session(session).with(csrf()).param("name", "Double points campaign 77")
                        .param("pointsPerUnit", "1").param("multiplier", "2").param("campaignId", "77").param("active", "true"))
                .andExpect(flash().attribute("message", "loyalty.rule.saved"));
        mvc.perform(post("/loyalty/rules").session(session).with(csrf()).param("name", "Again")
                        .param("pointsPerUnit", "1").param("multiplier", "x").param("campaignId", "78"))
                .andExpect(flash().attribute("error", "loyalty.rule.invalid"));
        assertThat(jdbc.sql("SELECT multiplier FROM points_rules WHERE campaign_id = 77").query(BigDecimal.class).single())
                .isEqualByComparingTo("2");
    }
}
