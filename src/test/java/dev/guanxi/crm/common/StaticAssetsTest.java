package dev.guanxi.crm.common;

import dev.guanxi.crm.support.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.web.servlet.resource.ResourceUrlProvider;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** The application's own static files and the web jars, served without a login, and pages' links left alone. */
@IntegrationTest
class StaticAssetsTest {

    @Autowired
    MockMvc mvc;
    @Autowired
    ResourceUrlProvider resources;

    @Test
    void stylesScriptsAndWebJarsAreServedWithoutALogin() throws Exception {
        mvc.perform(get("/assets/css/app.css")).andExpect(status().isOk())
                .andExpect(content().contentTypeCompatibleWith("text/css"));
        mvc.perform(get("/assets/js/app.js")).andExpect(status().isOk());
        mvc.perform(get("/webjars/htmx.org/dist/htmx.min.js")).andExpect(status().isOk());
        mvc.perform(get("/login")).andExpect(status().isOk())
                .andExpect(content().string(org.hamcrest.Matchers.containsString("/assets/css/app.css")));
    }

    @Test
    void linksToPagesAreNotLookedUpAsClasspathResources() {
        // Thymeleaf passes every link through the resource chain; only links matching a resource pattern go on to
        // the resolvers, which look a miss up in every jar of the classpath ("/**" made every page link such a miss)
        assertThat(resources.getHandlerMap().keySet()).contains("/webjars/**", "/assets/**").doesNotContain("/**");
        assertThat(resources.getForLookupPath("/customers/42")).isNull();
    }

    @Test
    void webJarLinksCarryTheirVersion() throws Exception {
        String login = mvc.perform(get("/login")).andExpect(status().isOk()).andReturn().getResponse()
                .getContentAsString();
        assertThat(login).as("a web jar link carries its version")
                .containsPattern("/webjars/bootstrap/\\d+\\.\\d+\\.\\d+/dist/css/bootstrap.min.css");
    }
}
