package dev.guanxi.crm.common.internal;

import jakarta.servlet.http.HttpServletResponse;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.web.servlet.resource.ResourceUrlProvider;
import org.springframework.web.servlet.resource.ResourceUrlProviderExposingInterceptor;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Only links under the resource handlers' prefixes are looked up in the resource chain; the others pass by. */
class AssetLinkEncodingFilterTest {

    @Test
    void onlyAssetLinksAreLookedUp() throws Exception {
        // Spring's versioning response asks the provider (set on the request by an interceptor) to match every link
        // it is given against the resource handlers' patterns
        List<String> lookedUp = new ArrayList<>();
        ResourceUrlProvider provider = new ResourceUrlProvider() {
            @Override
            public org.springframework.util.PathMatcher getPathMatcher() {
                lookedUp.add("match");
                return super.getPathMatcher();
            }
        };
        provider.setHandlerMap(java.util.Map.of("/webjars/**",
                new org.springframework.web.servlet.resource.ResourceHttpRequestHandler()));
        MockHttpServletRequest request = new MockHttpServletRequest("GET", "/customers/42");
        List<String> links = new ArrayList<>();
        new AssetLinkEncodingFilter().doFilter(request, new MockHttpServletResponse(), (req, res) -> {
            req.setAttribute(ResourceUrlProviderExposingInterceptor.RESOURCE_URL_PROVIDER_ATTR, provider);
            HttpServletResponse page = (HttpServletResponse) res;
            links.add(page.encodeURL("/customers/42/edit"));
            links.add(page.encodeURL("/sales/orders?customerId=42"));
            assertThat(lookedUp).as("page links").isEmpty();
            links.add(page.encodeURL("/webjars/bootstrap/dist/css/bootstrap.min.css"));
            links.add(page.encodeURL("/assets/css/app.css"));
            assertThat(lookedUp).as("asset links").isNotEmpty();
        });
        assertThat(links).containsExactly("/customers/42/edit", "/sales/orders?customerId=42",
                "/webjars/bootstrap/dist/css/bootstrap.min.css", "/assets/css/app.css");
    }

    @Test
    void theContextPathIsPartOfTheAssetPrefix() {
        assertThat(AssetLinkEncodingFilter.isAsset("/webjars/htmx.org/dist/htmx.min.js", "")).isTrue();
        assertThat(AssetLinkEncodingFilter.isAsset("/crm/assets/css/app.css", "/crm")).isTrue();
        assertThat(AssetLinkEncodingFilter.isAsset("/assets/css/app.css", "/crm")).isFalse();
        assertThat(AssetLinkEncodingFilter.isAsset("/customers/42", "")).isFalse();
    }
}
