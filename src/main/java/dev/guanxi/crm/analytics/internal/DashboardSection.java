package dev.guanxi.crm.analytics.internal;

import dev.guanxi.crm.identity.CurrentUser;

import java.util.Optional;

/**
 * A section of the manager dashboard ({@code /analytics/dashboard}) contributed by another part of analytics
 * (ABC/Pareto, RFM grid, churn risk value, top cross-sell rules). Declare an implementation as a Spring bean and the
 * page includes its Thymeleaf fragment; without such beans those sections are simply absent.
 *
 * <p>The page renders {@code <div th:insert="~{template :: fragment}">} with the variable {@code section} set to
 * {@link Content#data()}; the fragment should be a Bootstrap card (it is placed in a half-width column).
 */
public interface DashboardSection {

    /** Position on the page, ascending; the built-in revenue trend and pipeline come first (below 100). */
    int order();

    /**
     * What to show to this user, or empty to leave the section out (e.g. no scoring run yet). Called once per
     * page view inside a read-only transaction; must apply the user's visibility itself.
     */
    Optional<Content> content(CurrentUser user);

    /**
     * @param template e.g. {@code analytics/abc}
     * @param fragment a fragment of that template, e.g. {@code dashboard-section}
     * @param data     the fragment's model, available in it as {@code section}
     */
    record Content(String template, String fragment, Object data) {
    }
}
