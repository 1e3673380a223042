package dev.guanxi.crm.service.api;

import dev.guanxi.crm.service.internal.CalendarSettings;
import dev.guanxi.crm.service.internal.ServiceDashboard;
import dev.guanxi.crm.service.internal.SlaAdministration;
import dev.guanxi.crm.service.internal.SlaPolicy;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;

/** REST API for SLA policies, the business calendar and the service dashboard figures. */
@RestController
@RequestMapping("/api/v1/service")
@Tag(name = "Service: SLA and dashboard")
class ServiceSettingsApi {

    private final SlaAdministration sla;
    private final ServiceDashboard dashboard;

    ServiceSettingsApi(SlaAdministration sla, ServiceDashboard dashboard) {
        this.sla = sla;
        this.dashboard = dashboard;
    }

    @GetMapping("/sla-policies")
    List<SlaPolicy> policies() {
        return sla.policies();
    }

    @PutMapping("/sla-policies")
    @Operation(summary = "Sets the times (business minutes) of a priority and value tier (tier omitted: the default); "
            + "admins and managers")
    SlaPolicy savePolicy(@Valid @RequestBody SlaPolicy body) {
        return sla.savePolicy(body);
    }

    @DeleteMapping("/sla-policies/{id}")
    ResponseEntity<Void> deletePolicy(@PathVariable long id) {
        sla.deletePolicy(id);
        return ResponseEntity.noContent().build();
    }

    @GetMapping("/calendar")
    CalendarSettings calendar() {
        return sla.calendar();
    }

    @PutMapping("/calendar")
    @Operation(summary = "Replaces working days, hours, zone and holidays (send the version you read); admins and managers")
    CalendarSettings saveCalendar(@Valid @RequestBody CalendarSettings body) {
        return sla.saveCalendar(body);
    }

    @GetMapping("/dashboard")
    ServiceDashboard.Figures dashboard() {
        return dashboard.figures();
    }
}
