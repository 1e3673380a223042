package dev.guanxi.crm.analytics.web;

import dev.guanxi.crm.analytics.internal.DashboardSection;
import dev.guanxi.crm.analytics.internal.PivotMeasure;
import dev.guanxi.crm.analytics.internal.PivotResult;
import dev.guanxi.crm.analytics.internal.PivotService;
import dev.guanxi.crm.identity.CurrentUser;
import dev.guanxi.crm.identity.Role;
import dev.guanxi.crm.sales.PipelineByStage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.support.DefaultListableBeanFactory;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.authentication.TestingAuthenticationToken;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.ui.ExtendedModelMap;

import java.math.BigDecimal;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

/** The dashboard includes the sections other analytics features declare as beans, in order, and only those with content. */
class ManagerDashboardSectionsTest {

    @AfterEach
    void signOut() {
        SecurityContextHolder.clearContext();
    }

    static DashboardSection section(int order, Optional<DashboardSection.Content> content) {
        return new DashboardSection() {
            @Override
            public int order() {
                return order;
            }

            @Override
            public Optional<DashboardSection.Content> content(CurrentUser user) {
                return content;
            }
        };
    }

    ManagerDashboardPages pages(DashboardSection... sections) {
        PivotService pivots = mock(PivotService.class);
        when(pivots.run(any(), any())).thenReturn(new PivotResult(null,
                List.of(PivotMeasure.money("revenue", "x", true)), List.of(), List.of(), List.of(),
                Map.of("revenue", BigDecimal.ZERO), false, false));
        PipelineByStage pipeline = List::of;
        DefaultListableBeanFactory beans = new DefaultListableBeanFactory();
        for (int i = 0; i < sections.length; i++) {
            beans.registerSingleton("section" + i, sections[i]);
        }
        return new ManagerDashboardPages(pivots, pipeline, beans.getBeanProvider(DashboardSection.class),
                ZoneId.of("Asia/Shanghai"));
    }

    static void signIn(Role role) {
        CurrentUser.Holder holder = () -> new CurrentUser(1, "u", "U", role, 5L, Set.of(5L));
        SecurityContextHolder.getContext().setAuthentication(new TestingAuthenticationToken(holder, null));
    }

    @Test
    void sectionsAppearInOrderAndOnlyWithContent() {
        signIn(Role.MANAGER);
        DashboardSection.Content rfm = new DashboardSection.Content("analytics/rfm", "dashboard-section", "grid");
        DashboardSection.Content abc = new DashboardSection.Content("analytics/abc", "dashboard-section", "pareto");
        ExtendedModelMap model = new ExtendedModelMap();
        String view = pages(section(200, Optional.of(rfm)), section(150, Optional.empty()),
                section(100, Optional.of(abc))).dashboard(model, Locale.ENGLISH);
        assertThat(view).isEqualTo("analytics/dashboard");
        assertThat(model.get("sections")).isEqualTo(List.of(abc, rfm));

        ExtendedModelMap none = new ExtendedModelMap();
        pages().dashboard(none, Locale.ENGLISH);
        assertThat(none.get("sections")).isEqualTo(List.of());
    }

    @Test
    void salesRepsMayNotOpenIt() {
        signIn(Role.SALES_REP);
        assertThatThrownBy(() -> pages().dashboard(new ExtendedModelMap(), Locale.ENGLISH))
                .isInstanceOf(AccessDeniedException.class);
    }
}
