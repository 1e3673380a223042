package dev.guanxi.crm.service;

import dev.guanxi.crm.identity.Role;
import dev.guanxi.crm.identity.internal.TestAccounts;
import dev.guanxi.crm.identity.internal.TestAccounts.Account;
import dev.guanxi.crm.support.Api;
import dev.guanxi.crm.support.IntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.util.unit.DataSize;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Ticket attachments: checked by content and size, stored under generated names, downloaded as attachments. */
@IntegrationTest
class AttachmentTest {

    static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0, 0, 13, 'I', 'H', 'D', 'R'};

    @LocalServerPort
    int port;
    @Autowired
    ApplicationContext context;
    @Autowired
    JdbcClient jdbc;
    @Value("${guanxi.service.attachments.dir}")
    String dir;
    @Value("${guanxi.service.attachments.max-size}")
    DataSize maxSize;

    Account agent;
    Account outsider;
    long ticketId;

    @BeforeEach
    void setUp() {
        TestAccounts accounts = new TestAccounts(context);
        agent = accounts.user(Role.SERVICE_AGENT, null);
        outsider = accounts.user(Role.SALES_REP, accounts.team("attachment-other"));
        Account rep = accounts.user(Role.SALES_REP, accounts.team("attachment-sales"));
        Api api = new Api(port, rep.token());
        long customer = api.post("/api/v1/customers", Api.json(Map.of("kind", "PERSON", "name", "附件客户",
                "customerType", "CONSUMER"))).json().get("id").asLong();
        ticketId = new Api(port, agent.token()).post("/api/v1/tickets", Api.json(Map.of("type", "COMPLAINT",
                "channel", "EMAIL", "priority", "NORMAL", "customerId", customer, "subject", "Photo of the damage")))
                .json().get("id").asLong();
    }

    Api.Response upload(Account account, String fileName, byte[] content) {
        return new Api(port, account.token()).upload("/api/v1/tickets/" + ticketId + "/attachments", fileName, content);
    }

    HttpResponse<byte[]> download(Account account, long attachmentId) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://localhost:" + port
                        + "/api/v1/tickets/" + ticketId + "/attachments/" + attachmentId))
                .header("Authorization", "Bearer " + account.token()).build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    @Test
    void anImageIsStoredUnderAGeneratedNameAndDownloadedAsAnAttachment() throws Exception {
        byte[] png = Arrays.copyOf(PNG, 5000);
        Api.Response r = upload(agent, "..\\..\\破损照片.png", png);
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        long id = r.json().get("id").asLong();
        assertThat(r.json().get("fileName").asString()).as("no directories from the client").isEqualTo("破损照片.png");
        assertThat(r.json().get("contentType").asString()).isEqualTo("image/png");
        assertThat(r.json().has("storedName")).isFalse();
        String stored = jdbc.sql("SELECT stored_name FROM ticket_attachments WHERE id = ?").param(id).query(String.class).single();
        assertThat(stored).matches("[0-9a-f]{32}");
        assertThat(Files.readAllBytes(Path.of(dir).resolve(stored))).isEqualTo(png);

        HttpResponse<byte[]> d = download(agent, id);
        assertThat(d.statusCode()).isEqualTo(200);
        assertThat(d.body()).isEqualTo(png);
        assertThat(d.headers().firstValue("Content-Type").orElseThrow()).isEqualTo("image/png");
        assertThat(d.headers().firstValue("Content-Disposition").orElseThrow()).startsWith("attachment;")
                .contains("filename*=UTF-8''%E7%A0%B4%E6%8D%9F%E7%85%A7%E7%89%87.png");
        assertThat(d.headers().firstValue("X-Content-Type-Options").orElseThrow()).isEqualTo("nosniff");
        assertThat(download(outsider, id).statusCode()).as("ticket not visible").isEqualTo(404);
        assertThat(new Api(port, agent.token()).get("/api/v1/tickets/" + ticketId + "/attachments").json()).hasSize(1);

        assertThat(upload(agent, "notes.txt", "客户说明：包装破损\n".getBytes(StandardCharsets.UTF_8)).status()).isEqualTo(201);
    }

    @Test
    void aFileAboveTheLimitIsRejectedWithTheLimitAndNothingIsKept() throws Exception {
        long before = count();
        byte[] big = Arrays.copyOf(PNG, (int) maxSize.toBytes() + 1);
        Api.Response r = upload(agent, "big.png", big);
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.body()).contains("file").contains(maxSize.toMegabytes() + " MB");
        assertThat(count()).isEqualTo(before);
        try (var files = Files.list(Path.of(dir))) {
            assertThat(files.filter(f -> f.getFileName().toString().endsWith(".part"))).isEmpty();
        }
    }

    @Test
    void theTypeIsCheckedByContentNotByName() throws Exception {
        byte[] exe = Arrays.copyOf(new byte[]{'M', 'Z', (byte) 0x90, 0}, 100);
        Api.Response renamed = upload(agent, "photo.png", exe);
        assertThat(renamed.status()).isEqualTo(400);
        assertThat(renamed.body()).contains("file", "not accepted");
        assertThat(upload(agent, "invoice.html", "<script>alert(1)</script>".getBytes(StandardCharsets.UTF_8)).status())
                .as("text, but not an allowed extension").isEqualTo(400);
        assertThat(upload(agent, "image.pdf", PNG).status()).as("a PNG named .pdf").isEqualTo(400);
        assertThat(upload(agent, "empty.txt", new byte[0]).status()).isEqualTo(400);
        assertThat(upload(outsider, "x.txt", "hi".getBytes(StandardCharsets.UTF_8)).status()).isEqualTo(404);
    }

    long count() {
        return jdbc.sql("SELECT count(*) FROM ticket_attachments WHERE ticket_id = ?").param(ticketId).query(Long.class).single();
    }
}
