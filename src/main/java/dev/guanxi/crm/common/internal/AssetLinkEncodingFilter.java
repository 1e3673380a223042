package dev.guanxi.crm.common.internal;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import org.springframework.web.servlet.resource.ResourceUrlEncodingFilter;

import java.io.IOException;

/**
 * Spring's {@link ResourceUrlEncodingFilter} (links to web jars and assets get their versioned URL, such as
 * {@code /webjars/bootstrap/5.3.3/...}) for the links that can be such a resource only. Spring's filter matches every
 * link a page builds against the resource handlers' patterns; on the 360 page, with thirty links to other pages, that
 * was 4.5 % of the page's CPU. Links outside {@link #PREFIXES} skip it and are encoded by the responses beneath.
 */
class AssetLinkEncodingFilter extends ResourceUrlEncodingFilter {

    /** Where the resource handlers serve from (spring.mvc.static-path-pattern and the web jars). */
    static final String[] PREFIXES = {"/webjars/", "/assets/"};

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        super.doFilter(request, response, (req, versioning) -> chain.doFilter(req, new AssetsOnly(
                (HttpServletResponseWrapper) versioning, ((HttpServletRequest) req).getContextPath())));
    }

    static boolean isAsset(String url, String contextPath) {
        for (String prefix : PREFIXES) {
            if (url.startsWith(prefix, contextPath.length()) && url.startsWith(contextPath)) {
                return true;
            }
        }
        return false;
    }

    /** Asks the versioning response for asset links and the response beneath it for all others. */
    private static final class AssetsOnly extends HttpServletResponseWrapper {

        private final HttpServletResponseWrapper versioning;
        private final String contextPath;

        AssetsOnly(HttpServletResponseWrapper versioning, String contextPath) {
            super(versioning);
            this.versioning = versioning;
            this.contextPath = contextPath;
        }

        @Override
        public String encodeURL(String url) {
            return isAsset(url, contextPath) ? versioning.encodeURL(url)
                    : ((HttpServletResponse) versioning.getResponse()).encodeURL(url);
        }
    }
}
