package dev.guanxi.crm.analytics.internal;

import dev.guanxi.crm.common.InvalidInputException;
import org.junit.jupiter.api.Test;
import org.springframework.web.util.UriComponentsBuilder;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PivotRequestTest {

    static final LocalDate TODAY = LocalDate.of(2026, 11, 23);
    static final List<String> MEASURES = List.of("revenue", "orders", "customers");

    static PivotRequest parse(String query) {
        Map<String, List<String>> params = UriComponentsBuilder.fromUriString("/x?" + query).build()
                .getQueryParams();
        Map<String, List<String>> decoded = new java.util.LinkedHashMap<>();
        params.forEach((k, v) -> decoded.put(k, v.stream()
                .map(s -> java.net.URLDecoder.decode(s, java.nio.charset.StandardCharsets.UTF_8)).toList()));
        return PivotRequest.parse(decoded, MEASURES, TODAY);
    }

    @Test
    void defaultsAreRevenueByMonthOverTheLastTwelveMonths() {
        PivotRequest r = parse("");
        assertThat(r.rows()).isEqualTo(PivotDimension.MONTH);
        assertThat(r.columns()).isNull();
        assertThat(r.measures()).containsExactly("revenue");
        assertThat(r.from()).isEqualTo(LocalDate.of(2025, 12, 1));
        assertThat(r.to()).isEqualTo(TODAY);
    }

    @Test
    void drillingNarrowsTheRangeAndGoesOneLevelDown() {
        PivotRequest year = parse("rows=year&cols=province&measure=revenue,customers&from=2024-01-01&to=2026-11-23");
        PivotRequest q = year.drill("2025", null);
        assertThat(q.rows()).isEqualTo(PivotDimension.QUARTER);
        assertThat(q.columns()).isEqualTo(PivotDimension.PROVINCE);
        assertThat(q.effectiveFrom()).isEqualTo(LocalDate.of(2025, 1, 1));
        assertThat(q.effectiveTo()).isEqualTo(LocalDate.of(2025, 12, 31));
        PivotRequest cell = q.drill("2025-Q2", "浙江省");
        assertThat(cell.rows()).isEqualTo(PivotDimension.MONTH);
        assertThat(cell.columns()).isEqualTo(PivotDimension.CITY);
        assertThat(cell.filters()).containsEntry(PivotDimension.PROVINCE, "浙江省")
                .containsEntry(PivotDimension.QUARTER, "2025-Q2");
        assertThat(cell.effectiveFrom()).isEqualTo(LocalDate.of(2025, 4, 1));
        assertThat(cell.effectiveTo()).isEqualTo(LocalDate.of(2025, 6, 30));
        assertThat(parse(cell.toQuery())).as("the query string round-trips").isEqualTo(cell);
        assertThat(parse("rows=team&cols=owner").drill("7", null).columns())
                .as("rows become owner, so owner columns go").isNull();
    }

    @Test
    void aTimeFilterOutsideTheRangeLeavesNothing() {
        PivotRequest r = parse("from=2026-01-01&to=2026-06-30&year=2025");
        assertThat(r.effectiveFrom()).isAfter(r.effectiveTo());
    }

    @Test
    void problemsNameTheirParameter() {
        assertThatThrownBy(() -> parse("rows=x&cols=y&measure=z&from=1&to=2&tier=GOLD&team=t&bogus=1"))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.problems())
                        .extracting(p -> p.field())
                        .containsExactlyInAnyOrder("bogus", "rows", "cols", "measure", "from", "to", "team", "tier"));
        assertThat(PivotDimension.QUARTER.accepts("2025-Q5")).isFalse();
        assertThat(PivotDimension.OWNER.accepts(PivotDimension.NONE)).isTrue();
        assertThat(PivotDimension.YEAR.accepts(PivotDimension.NONE)).isFalse();
    }
}
