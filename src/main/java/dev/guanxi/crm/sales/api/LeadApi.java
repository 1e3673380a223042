package dev.guanxi.crm.sales.api;

import dev.guanxi.crm.common.Versions;
import dev.guanxi.crm.customer.CustomerSummary;
import dev.guanxi.crm.sales.LeadStatus;
import dev.guanxi.crm.sales.internal.Conversion;
import dev.guanxi.crm.sales.internal.LeadData;
import dev.guanxi.crm.sales.internal.LeadService;
import dev.guanxi.crm.sales.internal.LeadView;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Size;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

import java.util.List;

/** REST API for leads: capture, qualify, disqualify, find matching customers, convert. */
@RestController
@RequestMapping("/api/v1/leads")
@Tag(name = "Leads")
class LeadApi {

    private final LeadService leads;

    LeadApi(LeadService leads) {
        this.leads = leads;
    }

    record Disqualification(@Size(max = 500, message = "{validation.size.max}") String reason) {
    }

    record ConvertRequest(@Valid Conversion conversion, boolean createNew) {
    }

    record ConvertResult(LeadView lead, LeadService.Converted converted) {
    }

    @GetMapping
    List<LeadView> list(@RequestParam(required = false) String q, @RequestParam(required = false) LeadStatus status,
                        @RequestParam(required = false) Long ownerId, @RequestParam(defaultValue = "1") int page,
                        @RequestParam(defaultValue = "50") int size) {
        return leads.search(q, status, ownerId, page, size);
    }

    @GetMapping("/{id}")
    ResponseEntity<LeadView> get(@PathVariable long id) {
        LeadView lead = leads.get(id);
        return Versions.ok(lead, lead.version());
    }

    @PostMapping
    ResponseEntity<LeadView> create(@Valid @RequestBody LeadData body) {
        long id = leads.create(body);
        LeadView lead = leads.get(id);
        return Versions.created(ServletUriComponentsBuilder.fromCurrentRequest().path("/{id}").build(id), lead, lead.version());
    }

    @PutMapping("/{id}")
    ResponseEntity<LeadView> update(@PathVariable long id, @Valid @RequestBody LeadData body,
                                    @RequestHeader(name = "If-Match", required = false) String ifMatch,
                                    @RequestParam(required = false) Integer version) {
        leads.update(id, Versions.expected(ifMatch, version), body);
        LeadView lead = leads.get(id);
        return Versions.ok(lead, lead.version());
    }

    @PostMapping("/{id}/qualify")
    ResponseEntity<LeadView> qualify(@PathVariable long id,
                                     @RequestHeader(name = "If-Match", required = false) String ifMatch,
                                     @RequestParam(required = false) Integer version) {
        leads.qualify(id, Versions.expected(ifMatch, version));
        LeadView lead = leads.get(id);
        return Versions.ok(lead, lead.version());
    }

    @PostMapping("/{id}/disqualify")
    ResponseEntity<LeadView> disqualify(@PathVariable long id, @Valid @RequestBody Disqualification body,
                                        @RequestHeader(name = "If-Match", required = false) String ifMatch,
                                        @RequestParam(required = false) Integer version) {
        leads.disqualify(id, Versions.expected(ifMatch, version), body.reason());
        LeadView lead = leads.get(id);
        return Versions.ok(lead, lead.version());
    }

    @GetMapping("/{id}/matches")
    @Operation(summary = "Existing customers with the lead's phone, e-mail or organization name")
    List<CustomerSummary> matches(@PathVariable long id) {
        return leads.matches(id);
    }

    @PostMapping("/{id}/convert")
    @Operation(summary = "Convert into customer (+ contact) and optionally an opportunity, in one transaction; "
            + "409 lists matching customers unless conversion.customerId or createNew is given")
    ResponseEntity<ConvertResult> convert(@PathVariable long id, @Valid @RequestBody ConvertRequest body,
                                          @RequestHeader(name = "If-Match", required = false) String ifMatch,
                                          @RequestParam(required = false) Integer version) {
        Conversion conversion = body.conversion() == null ? new Conversion(null, null, null, null) : body.conversion();
        LeadService.Converted converted = leads.convert(id, Versions.expected(ifMatch, version), conversion,
                body.createNew());
        return ResponseEntity.ok(new ConvertResult(leads.get(id), converted));
    }
}
