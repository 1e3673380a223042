package dev.guanxi.crm.common.internal;

import dev.guanxi.crm.support.IntegrationTest;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.web.servlet.DispatcherServlet;
import org.springframework.web.servlet.FlashMap;
import org.springframework.web.servlet.FlashMapManager;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** API requests do not look for flash attributes (a session read); pages still get theirs. */
@IntegrationTest
class ApiSkipsFlashMapsTest {

    @Autowired
    ApplicationContext context;

    @Test
    void apiRequestsNeitherTakeNorKeepFlashAttributes() {
        List<String> asked = new ArrayList<>();
        FlashMap kept = new FlashMap();
        FlashMapManager session = new FlashMapManager() {
            @Override
            public FlashMap retrieveAndUpdate(HttpServletRequest request, HttpServletResponse response) {
                asked.add("retrieve " + request.getRequestURI());
                return kept;
            }

            @Override
            public void saveOutputFlashMap(FlashMap flashMap, HttpServletRequest request, HttpServletResponse response) {
                asked.add("save " + request.getRequestURI());
            }
        };
        ApiSkipsFlashMaps manager = new ApiSkipsFlashMaps(session);
        MockHttpServletResponse response = new MockHttpServletResponse();

        assertThat((Object) manager.retrieveAndUpdate(new MockHttpServletRequest("GET", "/api/v1/customers"), response)).isNull();
        manager.saveOutputFlashMap(new FlashMap(), new MockHttpServletRequest("POST", "/api/v1/customers"), response);
        assertThat(asked).isEmpty();

        assertThat((Object) manager.retrieveAndUpdate(new MockHttpServletRequest("GET", "/customers/7"), response)).isSameAs(kept);
        manager.saveOutputFlashMap(new FlashMap(), new MockHttpServletRequest("POST", "/customers/7"), response);
        MockHttpServletRequest underContext = new MockHttpServletRequest("GET", "/crm/api/v1/customers");
        underContext.setContextPath("/crm");
        assertThat((Object) manager.retrieveAndUpdate(underContext, response)).isNull();
        // a page whose path merely starts with "api" is a page
        manager.retrieveAndUpdate(new MockHttpServletRequest("GET", "/apiary"), response);
        assertThat(asked).containsExactly("retrieve /customers/7", "save /customers/7", "retrieve /apiary");
    }

    @Test
    void theDispatcherServletUsesIt() {
        assertThat(context.getBean(DispatcherServlet.FLASH_MAP_MANAGER_BEAN_NAME)).isInstanceOf(ApiSkipsFlashMaps.class);
    }
}
