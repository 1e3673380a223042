package dev.guanxi.crm;

import dev.guanxi.crm.identity.Role;
import dev.guanxi.crm.identity.UserAdministration;
import dev.guanxi.crm.identity.internal.TestAccounts;
import dev.guanxi.crm.identity.internal.TestAccounts.Account;
import dev.guanxi.crm.support.Api;
import dev.guanxi.crm.support.Browser;
import dev.guanxi.crm.support.IntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** A sales rep's day in a real browser: log in, fix a rejected form, add a customer, find it again by Chinese name. */
@IntegrationTest
@ExtendWith(Browser.PerTest.class)
class BrowserJourneyTest {

    private static final Path SCREENSHOT = Path.of("target/screenshots/customer-list.png");

    @LocalServerPort
    int port;
    @Autowired
    ApplicationContext context;

    Browser browser;
    WebDriver driver;
    WebDriverWait wait;

    @BeforeEach
    void useBrowser(Browser browser) {
        this.browser = browser;
        driver = browser.driver();
        wait = browser.waits();
    }

    @Test
    void repAddsACustomerAfterAFailedSubmitAndFindsItByChineseName() {
        TestAccounts accounts = new TestAccounts(context);
        Account rep = accounts.user(Role.SALES_REP, accounts.team("browser"));
        long suffix = System.nanoTime() % 1_000_000;
        String name = "王明" + suffix;
        Api api = new Api(port, rep.token());
        assertThat(api.post("/api/v1/customers", Api.json(person("李华" + suffix, "13900001111", "北京市", "北京市")))
                .status()).isEqualTo(201);

        browser.logIn(rep);

        driver.findElement(By.id("new-customer")).click();
        WebElement nameInput = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("name")));
        nameInput.clear();
        driver.findElement(By.id("phone")).sendKeys("abc");
        driver.findElement(By.id("save-customer")).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("form-errors")));
        assertThat(driver.findElement(By.id("name")).getDomAttribute("class")).contains("is-invalid");
        assertThat(driver.findElement(By.cssSelector("#name + .invalid-feedback")).getText())
                .isEqualTo("must not be empty");
        assertThat(driver.findElement(By.id("phone")).getDomProperty("value")).isEqualTo("abc");

        driver.findElement(By.id("name")).sendKeys(name);
        WebElement phone = driver.findElement(By.id("phone"));
        phone.clear();
        phone.sendKeys("13812345678");
        driver.findElement(By.id("city")).sendKeys("杭州市");
        driver.findElement(By.id("save-customer")).click();
        wait.until(ExpectedConditions.textToBe(By.id("customer-name"), name));
        assertThat(driver.findElements(By.cssSelector("#timeline li"))).isNotEmpty();
        assertThat(driver.findElement(By.id("profile-phone")).getText()).isEqualTo("13812345678");

        driver.findElement(By.id("nav-customers")).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("q"))).sendKeys("明" + suffix);
        // htmx swaps #results after the typing pauses; wait until only the matching customer is listed.
        wait.until(d -> linkTexts(d).equals(List.of(name)));
        assertThat(driver.getCurrentUrl()).contains("q=");
        driver.findElement(By.cssSelector("#results a.customer-link")).click();
        wait.until(ExpectedConditions.textToBe(By.id("customer-name"), name));

        driver.get("http://localhost:" + port + "/customers?lang=zh_CN");
        wait.until(ExpectedConditions.textToBe(By.id("nav-customers"), "客户"));
        assertThat(driver.findElement(By.id("new-customer")).getText()).isEqualTo("新建客户");
        driver.get("http://localhost:" + port + "/customers?lang=en");
        wait.until(ExpectedConditions.textToBe(By.id("nav-customers"), "Customers"));
    }

    @Test
    void repConvertsALeadWinsTheDealCollectsPaymentAndSeesItOnTheTimeline() {
        TestAccounts accounts = new TestAccounts(context);
        long team = accounts.team("browser-sales");
        Account manager = accounts.manager(team);
        Account rep = accounts.user(Role.SALES_REP, team, "王芳");
        String suffix = String.format("%06d", System.nanoTime() % 1_000_000);
        String company = "杭州星河" + suffix + "科技有限公司";
        Api managerApi = new Api(port, manager.token());
        assertThat(managerApi.post("/api/v1/products", Api.json(Map.of("sku", "BT-" + suffix, "name", "西湖龙井 " + suffix,
                "listPrice", "388"))).status()).isEqualTo(201);
        long leadId = new Api(port, rep.token()).post("/api/v1/leads", Api.json(Map.of("name", "陈杰",
                "company", company, "title", "采购经理"))).json().get("id").asLong();

        browser.logIn(rep);
        driver.get("http://localhost:" + port + "/sales/leads/" + leadId);
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("convert-form")));
        assertThat(driver.findElement(By.id("target-new")).isSelected()).isTrue();
        driver.findElement(By.name("opportunityName")).sendKeys("云服务年框");
        driver.findElement(By.name("amount")).sendKeys("150000");
        driver.findElement(By.id("convert")).click();
        wait.until(ExpectedConditions.textToBe(By.id("customer-name"), company));
        String customerUrl = driver.getCurrentUrl();

        driver.get("http://localhost:" + port + "/sales/opportunities?ownerId=" + rep.id());
        wait.until(ExpectedConditions.elementToBeClickable(By.linkText("云服务年框"))).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("move-form")));
        new Select(driver.findElement(By.cssSelector("#move-form select[name=stage]"))).selectByValue("WON");
        driver.findElement(By.cssSelector("#move-form button[type=submit]")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("opportunity-stage"), "Won"));

        driver.get(customerUrl);
        wait.until(ExpectedConditions.elementToBeClickable(By.id("new-order"))).click();
        new Select(wait.until(ExpectedConditions.visibilityOfElementLocated(By.name("lines[0].productId"))))
                .selectByVisibleText("西湖龙井 " + suffix + " (BT-" + suffix + ") ¥388.00");
        driver.findElement(By.name("lines[0].quantity")).sendKeys("2");
        driver.findElement(By.id("save-order")).click();
        wait.until(ExpectedConditions.elementToBeClickable(By.id("action-confirm"))).click();
        WebElement amount = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("amount")));
        amount.clear();
        amount.sendKeys("300");
        driver.findElement(By.id("record-payment")).click();
        wait.until(ExpectedConditions.textToBe(By.id("order-balance"), "¥476.00"));

        // timeline entries arrive through events after each commit: reload until all three are there
        driver.get(customerUrl);
        wait.until(d -> {
            d.navigate().refresh();
            String timeline = d.findElement(By.id("timeline")).getText();
            return timeline.contains("Lead converted") && timeline.contains("Opportunity won")
                    && timeline.contains("Payment received");
        });
    }

    @Test
    void customerListShowsARepsCustomers() {
        TestAccounts accounts = new TestAccounts(context);
        long team = accounts.team("east");
        Account rep = accounts.user(Role.SALES_REP, team, "王芳");
        long lina = teammate(team, "li.na", "李娜");
        long wei = teammate(team, "zhang.wei", "张伟");
        Api api = new Api(port, rep.token());
        List<Map<String, Object>> customers = sampleCustomers(lina, wei);
        for (Map<String, Object> customer : customers) {
            Api.Response created = api.post("/api/v1/customers", Api.json(customer));
            assertThat(created.status()).as(created.body()).isEqualTo(201);
        }

        browser.logIn(rep);

        assertThat(linkTexts(driver)).containsExactlyInAnyOrderElementsOf(
                customers.stream().map(c -> (String) c.get("name")).toList());
        assertThat(browser.screenshot(SCREENSHOT)).isNotEmptyFile();
    }

    @Test
    void repAddsAContactOnThe360Page() {
        TestAccounts accounts = new TestAccounts(context);
        Account rep = accounts.user(Role.SALES_REP, accounts.team("contacts"));
        long suffix = System.nanoTime() % 1_000_000;
        Api.Response created = new Api(port, rep.token()).post("/api/v1/customers",
                Api.json(person("陈静" + suffix, "13900002222", "浙江省", "杭州市")));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        long id = created.json().get("id").asLong();

        browser.logIn(rep);
        browser.open("/customers/" + id);
        WebElement form = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("contact-form")));
        form.findElement(By.name("name")).sendKeys("周采购");
        form.findElement(By.name("title")).sendKeys("采购经理");
        form.findElement(By.name("email")).sendKeys("zhou@example.com");
        form.findElement(By.id("contact-primary")).click();
        form.findElement(By.cssSelector("button[type=submit]")).click();

        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("contacts"), "周采购"));
        String contacts = driver.findElement(By.id("contacts")).getText();
        assertThat(contacts).contains("采购经理", "zhou@example.com");
        assertThat(driver.findElement(By.id("contact-form")).findElement(By.name("name")).getAttribute("value"))
                .as("the short form is empty again").isEmpty();
        assertThat(browser.screenshot(Path.of("target/screenshots/customer-360.png"))).isNotEmptyFile();
    }

    private static List<String> linkTexts(WebDriver driver) {
        return driver.findElements(By.cssSelector("#results a.customer-link")).stream().map(WebElement::getText).toList();
    }

    private long teammate(long team, String login, String displayName) {
        String username = login + "." + System.nanoTime();
        return context.getBean(UserAdministration.class).createUser(
                new UserAdministration.NewUser(username, displayName, null, TestAccounts.PASSWORD, Role.SALES_REP, team));
    }

    private static Map<String, Object> person(String name, String phone, String province, String city) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("kind", "PERSON");
        body.put("name", name);
        body.put("customerType", "CONSUMER");
        body.put("phone", phone);
        body.put("province", province);
        body.put("city", city);
        return body;
    }

    private static Map<String, Object> customer(String kind, String name, String type, String tier, String stage,
                                                String phone, String email, String province, String city,
                                                String industry, long ownerId) {
        Map<String, Object> body = person(name, phone, province, city);
        body.put("kind", kind);
        body.put("customerType", type);
        body.put("valueTier", tier);
        body.put("lifecycleStage", stage);
        body.put("email", email);
        body.put("industry", industry);
        body.put("ownerId", ownerId);
        return body;
    }

    private static List<Map<String, Object>> sampleCustomers(long lina, long wei) {
        return List.of(
                customer("ORGANIZATION", "杭州云帆科技有限公司", "BUSINESS", "VIP", "MATURITY", "0571-88886666",
                        "purchase@yunfan-tech.cn", "浙江省", "杭州市", "软件", lina),
                customer("ORGANIZATION", "上海锦程贸易有限公司", "BUSINESS", "MAJOR", "GROWTH", "021-62345678",
                        "info@jincheng-trade.com", "上海市", "上海市", "贸易", wei),
                customer("PERSON", "王秀英", "CONSUMER", "MEDIUM", "GROWTH", "13812345678",
                        "wangxiuying@163.com", "江苏省", "南京市", "教育", lina),
                customer("ORGANIZATION", "深圳华鑫电子有限公司", "CHANNEL", "VIP", "MATURITY", "0755-26881234",
                        "sales@huaxin-elec.cn", "广东省", "深圳市", "电子制造", wei),
                customer("PERSON", "李强", "CONSUMER", "SMALL", "PROSPECT", "13900002222",
                        "liqiang88@qq.com", "四川省", "成都市", "餐饮", lina),
                customer("ORGANIZATION", "北京百川医疗器械有限公司", "BUSINESS", "MAJOR", "GROWTH", "010-58761234",
                        "contact@baichuan-med.com", "北京市", "北京市", "医疗器械", wei),
                customer("PERSON", "陈静", "CONSUMER", "MEDIUM", "MATURITY", "13712348765",
                        "chenjing@126.com", "福建省", "厦门市", "零售", lina),
                customer("ORGANIZATION", "武汉长江物流有限公司", "BUSINESS", "MEDIUM", "DECLINE", "027-85671234",
                        "service@cj-logistics.cn", "湖北省", "武汉市", "物流", wei),
                customer("PERSON", "刘洋", "CONSUMER", "SMALL", "PROSPECT", "15012345678",
                        "liuyang@foxmail.com", "山东省", "青岛市", "旅游", lina),
                customer("ORGANIZATION", "苏州恒达精密机械有限公司", "BUSINESS", "VIP", "GROWTH", "0512-65432100",
                        "hengda@hd-machinery.com", "江苏省", "苏州市", "机械制造", wei));
    }
}
