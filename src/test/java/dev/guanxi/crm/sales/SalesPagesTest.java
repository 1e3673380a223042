package dev.guanxi.crm.sales;

import dev.guanxi.crm.identity.Role;
import dev.guanxi.crm.identity.internal.TestAccounts;
import dev.guanxi.crm.identity.internal.TestAccounts.Account;
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
import org.springframework.test.web.servlet.MvcResult;

import java.util.Locale;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

@IntegrationTest
class SalesPagesTest {

    @Autowired
    MockMvc mvc;
    @Autowired
    ApplicationContext context;
    @Autowired
    JdbcClient jdbc;
    @LocalServerPort
    int port;

    Account manager;
    Account rep;
    MockHttpSession managerSession;
    MockHttpSession repSession;
    long customerId;

    @BeforeEach
    void setUp() throws Exception {
        TestAccounts accounts = new TestAccounts(context);
        long team = accounts.team("pages-sales");
        manager = accounts.manager(team);
        rep = accounts.user(Role.SALES_REP, team);
        managerSession = Sessions.login(mvc, manager.username(), TestAccounts.PASSWORD);
        repSession = Sessions.login(mvc, rep.username(), TestAccounts.PASSWORD);
        customerId = new Api(port, rep.token()).post("/api/v1/customers", Api.json(Map.of("kind", "ORGANIZATION",
                "name", "页面客户 " + System.nanoTime(), "customerType", "BUSINESS"))).json().get("id").asLong();
    }

    long productThroughForm(String sku) throws Exception {
        mvc.perform(post("/sales/products").session(managerSession).with(csrf()).param("sku", sku)
                        .param("name", "绿茶 " + sku).param("listPrice", "88.00").param("unit", "box")
                        .param("active", "true"))
                .andExpect(status().is3xxRedirection());
        return jdbc.sql("SELECT id FROM products WHERE sku = ?").param(sku).query(Long.class).single();
    }

    @Test
    void managersMaintainProductsAndRepsCannot() throws Exception {
        String sku = "GT-" + System.nanoTime();
        long id = productThroughForm(sku);
        mvc.perform(post("/sales/products").session(managerSession).with(csrf()).locale(Locale.ENGLISH)
                        .param("sku", "NEW-" + sku).param("name", "x").param("listPrice", "-3"))
                .andExpect(status().isOk()).andExpect(content().string(containsString("must not be negative")));
        mvc.perform(post("/sales/products").session(managerSession).with(csrf()).locale(Locale.ENGLISH)
                        .param("sku", "NEW2-" + sku).param("name", "").param("listPrice", "lots"))
                .andExpect(status().isOk()).andExpect(content().string(allOf(containsString("must be a number"),
                        containsString("must not be empty"), containsString("value=\"lots\""))));
        mvc.perform(post("/sales/products").session(managerSession).with(csrf()).locale(Locale.ENGLISH)
                        .param("sku", sku.toLowerCase()).param("name", "dup").param("listPrice", "3"))
                .andExpect(status().isOk()).andExpect(content().string(containsString("is already used by another product")));
        mvc.perform(post("/sales/products/" + id).session(managerSession).with(csrf()).param("sku", sku)
                        .param("name", "绿茶 renamed").param("listPrice", "90").param("version", "0"))
                .andExpect(status().is3xxRedirection());
        mvc.perform(get("/sales/products").session(repSession))
                .andExpect(content().string(containsString("绿茶 renamed")));
        mvc.perform(post("/sales/products/" + id + "/tier-prices").session(managerSession).with(csrf())
                .param("VIP", "80.00").param("SMALL", "")).andExpect(status().is3xxRedirection());
        mvc.perform(get("/sales/products/" + id + "/edit").session(managerSession))
                .andExpect(content().string(containsString("value=\"80.00\"")));
        MvcResult bad = mvc.perform(post("/sales/products/" + id + "/tier-prices").session(managerSession).with(csrf())
                .param("VIP", "cheap")).andReturn();
        assertThat(bad.getFlashMap().get("error")).isEqualTo("product.tier-prices-invalid");
        mvc.perform(post("/sales/products").session(repSession).with(csrf()).param("sku", "R-1").param("name", "x")
                .param("listPrice", "1")).andExpect(status().isForbidden());
    }

    @Test
    void aRepCreatesConfirmsAndCollectsAnOrderThroughThePages() throws Exception {
        long product = productThroughForm("OT-" + System.nanoTime());
        mvc.perform(get("/sales/orders/new").param("customerId", String.valueOf(customerId)).session(repSession))
                .andExpect(status().isOk()).andExpect(content().string(containsString("页面客户")));
        mvc.perform(post("/sales/orders").session(repSession).with(csrf()).locale(Locale.ENGLISH)
                        .param("customerId", String.valueOf(customerId))
                        .param("lines[0].productId", "").param("lines[1].productId", String.valueOf(product))
                        .param("lines[1].quantity", "0"))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("must be greater than zero")));
        MvcResult created = mvc.perform(post("/sales/orders").session(repSession).with(csrf())
                        .param("customerId", String.valueOf(customerId)).param("orderDate", "2026-11-01")
                        .param("lines[0].productId", "").param("lines[2].productId", String.valueOf(product))
                        .param("lines[2].quantity", "3"))
                .andExpect(status().is3xxRedirection()).andReturn();
        String location = created.getResponse().getRedirectedUrl();
        long id = Long.parseLong(location.substring("/sales/orders/".length()));
        mvc.perform(get(location).session(repSession).locale(Locale.ENGLISH))
                .andExpect(content().string(allOf(containsString("¥264.00"), containsString("Draft"),
                        containsString("id=\"action-confirm\""))));
        mvc.perform(post(location + "/confirm").session(repSession).with(csrf()).param("version", "0"))
                .andExpect(status().is3xxRedirection());
        mvc.perform(get(location).session(repSession))
                .andExpect(content().string(containsString("value=\"" + java.time.LocalDate.now() + "\"")));
        mvc.perform(post(location + "/payments").session(repSession).with(csrf()).locale(Locale.ENGLISH)
                        .param("amount", "300").param("method", "ALIPAY"))
                .andExpect(status().isOk()).andExpect(content().string(containsString("exceeds the open balance")));
        mvc.perform(post(location + "/payments").session(repSession).with(csrf()).locale(Locale.ENGLISH)
                        .param("amount", "abc").param("method", "ALIPAY"))
                .andExpect(status().isOk()).andExpect(content().string(containsString("must be a number")));
        mvc.perform(post(location + "/payments").session(repSession).with(csrf()).param("amount", "64")
                        .param("method", "ALIPAY").param("receivedOn", "2026-11-02"))
                .andExpect(status().is3xxRedirection());
        mvc.perform(get("/sales/receivables").param("customerId", String.valueOf(customerId)).session(repSession))
                .andExpect(content().string(allOf(containsString(orderNumber(id)), containsString("¥200.00"),
                        containsString("id=\"customer-balance\""))));
        mvc.perform(get("/customers/" + customerId).session(repSession))
                .andExpect(content().string(containsString("id=\"new-order\"")));
        MvcResult stale = mvc.perform(post(location + "/ship").session(repSession).with(csrf()).param("version", "0"))
                .andExpect(status().is3xxRedirection()).andReturn();
        assertThat((String) stale.getFlashMap().get("errorText")).contains("was changed by someone else");
        assertThat(jdbc.sql("SELECT status FROM orders WHERE id = ?").param(id).query(String.class).single())
                .isEqualTo("CONFIRMED");
    }

    @Test
    void aQuoteIsMadeSentAndAcceptedIntoAnOrderThroughThePages() throws Exception {
        long product = productThroughForm("QP-" + System.nanoTime());
        mvc.perform(get("/sales/quotes/new").param("customerId", String.valueOf(customerId)).session(repSession)
                        .locale(Locale.ENGLISH))
                .andExpect(status().isOk()).andExpect(content().string(containsString("Save quote")));
        MvcResult created = mvc.perform(post("/sales/quotes").session(repSession).with(csrf())
                        .param("customerId", String.valueOf(customerId)).param("validUntil", "2099-01-01")
                        .param("lines[0].productId", String.valueOf(product)).param("lines[0].quantity", "2"))
                .andExpect(status().is3xxRedirection()).andReturn();
        String location = created.getResponse().getRedirectedUrl();
        assertThat(location).startsWith("/sales/quotes/");
        mvc.perform(get(location).session(repSession).locale(Locale.ENGLISH))
                .andExpect(content().string(allOf(containsString("¥176.00"), containsString("id=\"quote-send\""))));
        mvc.perform(post(location + "/send").session(repSession).with(csrf()).param("version", "0"))
                .andExpect(status().is3xxRedirection());
        MvcResult accepted = mvc.perform(post(location + "/accept").session(repSession).with(csrf()).param("version", "1"))
                .andExpect(status().is3xxRedirection()).andReturn();
        assertThat(accepted.getResponse().getRedirectedUrl()).startsWith("/sales/orders/");
        mvc.perform(get("/sales/quotes").param("customerId", String.valueOf(customerId)).session(repSession)
                        .locale(Locale.ENGLISH))
                .andExpect(content().string(containsString("Accepted")));
    }

    @Test
    void salesPagesSpeakChinese() throws Exception {
        mvc.perform(get("/sales/orders").param("lang", "zh_CN").session(repSession))
                .andExpect(content().string(allOf(containsString("应收款"), containsString("订单号"))));
    }

    private static String orderNumber(long id) {
        return String.format("SO-%06d", id);
    }
}
