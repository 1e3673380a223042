package dev.guanxi.crm.service.internal;

import dev.guanxi.crm.customer.ValueTier;
import dev.guanxi.crm.service.TicketPriority;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.DayOfWeek;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/** SLA policies and the business calendar in PostgreSQL (seeded by V5_1). */
@Repository
class SlaSettings {

    private final JdbcClient jdbc;

    SlaSettings(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    List<SlaPolicy> policies() {
        return jdbc.sql("""
                        SELECT * FROM sla_policies
                        ORDER BY CASE priority WHEN 'URGENT' THEN 0 WHEN 'HIGH' THEN 1 WHEN 'NORMAL' THEN 2 ELSE 3 END,
                                 value_tier NULLS FIRST""")
                .query(SlaSettings::policy).list();
    }

    /** The policy of the tier, else the priority's default (tier NULL). */
    Optional<SlaPolicy> policyFor(TicketPriority priority, ValueTier tier) {
        return jdbc.sql("""
                        SELECT * FROM sla_policies WHERE priority = :p AND (value_tier IS NULL OR value_tier = :tier)
                        ORDER BY value_tier NULLS LAST LIMIT 1""")
                .param("p", priority.name()).param("tier", tier == null ? null : tier.name())
                .query(SlaSettings::policy).optional();
    }

    Optional<SlaPolicy> policy(long id) {
        return jdbc.sql("SELECT * FROM sla_policies WHERE id = ?").param(id).query(SlaSettings::policy).optional();
    }

    /** Inserts or replaces the policy of (priority, tier); returns its id. */
    long save(SlaPolicy p) {
        return jdbc.sql("""
                        INSERT INTO sla_policies (priority, value_tier, first_response_minutes, resolution_minutes)
                        VALUES (:p, :tier, :fr, :res)
                        ON CONFLICT (priority, coalesce(value_tier, '')) DO UPDATE
                          SET first_response_minutes = EXCLUDED.first_response_minutes,
                              resolution_minutes = EXCLUDED.resolution_minutes, version = sla_policies.version + 1
                        RETURNING id""")
                .param("p", p.priority().name()).param("tier", p.valueTier() == null ? null : p.valueTier().name())
                .param("fr", p.firstResponseMinutes()).param("res", p.resolutionMinutes())
                .query(Long.class).single();
    }

    boolean deleteTierPolicy(long id) {
        return jdbc.sql("DELETE FROM sla_policies WHERE id = ? AND value_tier IS NOT NULL").param(id).update() == 1;
    }

    CalendarSettings settings() {
        CalendarSettings c = jdbc.sql("SELECT * FROM business_calendar WHERE id = 1").query((rs, n) ->
                new CalendarSettings(rs.getString("zone"), days(rs.getArray("work_days")),
                        rs.getObject("day_start", LocalTime.class), rs.getObject("day_end", LocalTime.class), List.of(),
                        rs.getInt("version"))).single();
        List<CalendarSettings.Holiday> holidays = jdbc.sql("SELECT day, name FROM business_holidays ORDER BY day")
                .query((rs, n) -> new CalendarSettings.Holiday(rs.getObject("day", java.time.LocalDate.class),
                        rs.getString("name"))).list();
        return new CalendarSettings(c.zone(), c.workDays(), c.dayStart(), c.dayEnd(), holidays, c.version());
    }

    BusinessCalendar calendar() {
        CalendarSettings s = settings();
        return new BusinessCalendar(ZoneId.of(s.zone()), s.workDays(), s.dayStart(), s.dayEnd(),
                s.holidays().stream().map(CalendarSettings.Holiday::day).collect(Collectors.toSet()));
    }

    boolean saveCalendar(CalendarSettings s) {
        boolean saved = jdbc.sql("""
                        UPDATE business_calendar SET zone = :zone, work_days = CAST(:days AS integer[]),
                          day_start = :start, day_end = :end, version = version + 1
                        WHERE id = 1 AND version = :version""")
                .param("zone", s.zone()).param("days", "{" + s.workDays().stream().map(d -> String.valueOf(d.getValue()))
                        .sorted().collect(Collectors.joining(",")) + "}")
                .param("start", s.dayStart()).param("end", s.dayEnd()).param("version", s.version()).update() == 1;
        if (saved && s.holidays() != null) {
            jdbc.sql("DELETE FROM business_holidays").update();
            for (CalendarSettings.Holiday h : s.holidays()) {
                jdbc.sql("INSERT INTO business_holidays (day, name) VALUES (?, ?) ON CONFLICT (day) DO UPDATE SET name = EXCLUDED.name")
                        .params(h.day(), h.name().strip()).update();
            }
        }
        return saved;
    }

    private static Set<DayOfWeek> days(Array array) throws SQLException {
        Set<DayOfWeek> days = EnumSet.noneOf(DayOfWeek.class);
        for (Object o : (Object[]) array.getArray()) {
            days.add(DayOfWeek.of(((Number) o).intValue()));
        }
        return days;
    }

    private static SlaPolicy policy(ResultSet rs, int n) throws SQLException {
        String tier = rs.getString("value_tier");
        return new SlaPolicy(rs.getLong("id"), TicketPriority.valueOf(rs.getString("priority")),
                tier == null ? null : ValueTier.valueOf(tier), rs.getInt("first_response_minutes"),
                rs.getInt("resolution_minutes"), rs.getInt("version"));
    }
}
