package dev.guanxi.crm.common.internal;

import dev.guanxi.crm.common.KeptJson;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import org.springdoc.core.utils.SpringDocUtils;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The OpenAPI document at /v3/api-docs (Swagger UI at /swagger-ui.html): bearer API tokens for every call. */
@Configuration(proxyBeanMethods = false)
class OpenApiConfiguration {

    static {
        // a kept body is documented as the value it holds
        SpringDocUtils.getConfig().addResponseWrapperToIgnore(KeptJson.class);
    }

    @Bean
    OpenAPI guanxiOpenApi() {
        return new OpenAPI()
                .info(new Info().title("Guanxi CRM API").version("v1")
                        .description("REST API of Guanxi CRM. Authenticate with an API token created under "
                                + "'API tokens' in the user menu: Authorization: Bearer gx_... Errors are RFC 9457 "
                                + "problem details. Updates need the version read (If-Match: \"<version>\")."))
                .components(new Components().addSecuritySchemes("bearer",
                        new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("bearer")))
                .addSecurityItem(new SecurityRequirement().addList("bearer"));
    }
}
