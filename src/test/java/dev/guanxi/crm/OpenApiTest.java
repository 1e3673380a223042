package dev.guanxi.crm;

import dev.guanxi.crm.support.Api;
import dev.guanxi.crm.support.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

@IntegrationTest
class OpenApiTest {

    @LocalServerPort
    int port;

    @Test
    void documentsTheApiWithBearerAuthAndServesSwaggerUi() {
        Api anonymous = new Api(port, null);
        Api.Response docs = anonymous.get("/v3/api-docs");
        assertThat(docs.status()).isEqualTo(200);
        assertThat(docs.json().get("info").get("title").asString()).isEqualTo("Guanxi CRM API");
        assertThat(docs.json().get("paths").has("/api/v1/customers/{id}")).isTrue();
        assertThat(docs.json().get("components").get("securitySchemes").has("bearer")).isTrue();
        // the customer list's body is kept serialized (KeptJson); the document shows the page it holds
        String listBody = docs.json().at("/paths/~1api~1v1~1customers/get/responses/200/content").toString();
        assertThat(listBody).contains("PageResultCustomerView").doesNotContain("KeptJson");
        assertThat(docs.json().at("/paths/~1api~1v1~1customers/get/parameters").findValuesAsString("name"))
                .as("the filter record's components, as query parameters").contains("q", "valueTier", "ownerId", "after");
        assertThat(docs.json().get("components").get("schemas").get("PageResultCustomerView").get("properties")
                .has("items")).isTrue();
        assertThat(anonymous.get("/swagger-ui/index.html").status()).isEqualTo(200);
    }
}
