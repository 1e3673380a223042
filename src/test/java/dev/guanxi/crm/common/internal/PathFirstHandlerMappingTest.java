package dev.guanxi.crm.common.internal;

import dev.guanxi.crm.identity.Role;
import dev.guanxi.crm.identity.internal.TestAccounts;
import dev.guanxi.crm.support.IntegrationTest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.ApplicationContext;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerExecutionChain;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import org.springframework.web.util.ServletRequestPathUtils;

import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.patch;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** The handler lookup tests a mapping's path before anything else, and finds the same handlers as Spring's. */
@IntegrationTest
class PathFirstHandlerMappingTest {

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping mapping;
    @Autowired
    MockMvc mvc;
    @Autowired
    ApplicationContext context;

    @Test
    void aPatternPathIsMatchedWithoutAskingEveryMappingForTheMethod() throws Exception {
        AtomicInteger methodReads = new AtomicInteger();
        MockHttpServletRequest mock = new MockHttpServletRequest("GET", "/api/v1/customers/42");
        HttpServletRequestWrapper request = new HttpServletRequestWrapper(mock) {
            @Override
            public String getMethod() {
                methodReads.incrementAndGet();
                return super.getMethod();
            }
        };
        ServletRequestPathUtils.parseAndCache(request);

        HandlerExecutionChain chain = mapping.getHandler(request);

        assertThat(chain).isNotNull();
        HandlerMethod handler = (HandlerMethod) chain.getHandler();
        assertThat(handler.getBeanType().getSimpleName()).isEqualTo("CustomerApi");
        assertThat(handler.getMethod().getName()).isEqualTo("get");
        // Spring's own lookup reads the method once per mapping (hundreds) before it looks at the path
        assertThat(mapping.getHandlerMethods()).hasSizeGreaterThan(200);
        assertThat(methodReads.get()).isLessThan(20);
    }

    @Test
    void aWrongMethodOnAPatternPathIsStillRefusedWith405() throws Exception {
        String token = new TestAccounts(context).user(Role.ADMIN, null).token();
        mvc.perform(patch("/api/v1/customers/42").header("Authorization", "Bearer " + token))
                .andExpect(status().isMethodNotAllowed());
    }
}
