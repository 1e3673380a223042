package dev.guanxi.crm.customer.api;

import dev.guanxi.crm.common.InvalidInputException;
import dev.guanxi.crm.common.KeptJson;
import dev.guanxi.crm.common.PageResult;
import dev.guanxi.crm.common.Versions;
import dev.guanxi.crm.customer.TimelineEntry;
import dev.guanxi.crm.customer.internal.ContactData;
import dev.guanxi.crm.customer.internal.ContactView;
import dev.guanxi.crm.customer.internal.CustomerData;
import dev.guanxi.crm.customer.CustomerQuery;
import dev.guanxi.crm.customer.internal.CustomerService;
import dev.guanxi.crm.customer.internal.CustomerSort;
import dev.guanxi.crm.customer.internal.CustomerView;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import org.springdoc.core.annotations.ParameterObject;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
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

/** REST API for customers and their contacts. Updates and deletes need the current version (If-Match or body). */
@RestController
@RequestMapping("/api/v1/customers")
@Tag(name = "Customers")
class CustomerApi {

    private final CustomerService service;

    CustomerApi(CustomerService service) {
        this.service = service;
    }

    @GetMapping
    @Operation(summary = "List customers visible to the caller, filtered, sorted and paged",
            description = "Page by number (page, up to the first 10,000 matches; counted) or by key: pass a page's "
                    + "`next` as `after` for the page after it, at any depth and as fast as the first (not counted; "
                    + "use the same filters and sort).")
    KeptJson<PageResult<CustomerView>> list(@ParameterObject CustomerQuery query,
                                            @RequestParam(required = false) String sort,
                                            @RequestParam(defaultValue = "1") int page,
                                            @RequestParam(defaultValue = "50") int size,
                                            @RequestParam(required = false) String after) {
        return service.searchJson(query, CustomerSort.parse(sort), page, size, after);
    }

    @GetMapping("/{id}")
    ResponseEntity<CustomerView> get(@PathVariable long id) {
        CustomerView view = service.get(id);
        return Versions.ok(view, view.version());
    }

    @PostMapping
    ResponseEntity<CustomerView> create(@Valid @RequestBody CustomerData body) {
        long id = service.create(body);
        CustomerView view = service.get(id);
        return Versions.created(ServletUriComponentsBuilder.fromCurrentRequest().path("/{id}").build(id), view, view.version());
    }

    @PutMapping("/{id}")
    @Operation(summary = "Replace a customer's fields; send the version read (If-Match: \"<version>\" or ?version=)")
    ResponseEntity<CustomerView> update(@PathVariable long id, @Valid @RequestBody CustomerData body,
                                        @RequestHeader(name = "If-Match", required = false) String ifMatch,
                                        @RequestParam(required = false) Integer version) {
        service.update(id, Versions.expected(ifMatch, version), body);
        CustomerView view = service.get(id);
        return Versions.ok(view, view.version());
    }

    @DeleteMapping("/{id}")
    ResponseEntity<Void> delete(@PathVariable long id,
                                @RequestHeader(name = "If-Match", required = false) String ifMatch,
                                @RequestParam(required = false) Integer version) {
        service.delete(id, Versions.expected(ifMatch, version));
        return ResponseEntity.noContent().build();
    }

    @PostMapping("/{id}/restore")
    ResponseEntity<CustomerView> restore(@PathVariable long id,
                                         @RequestHeader(name = "If-Match", required = false) String ifMatch,
                                         @RequestParam(required = false) Integer version) {
        service.restore(id, Versions.expected(ifMatch, version));
        CustomerView view = service.get(id);
        return Versions.ok(view, view.version());
    }

    @GetMapping("/{id}/timeline")
    List<TimelineEntry> timeline(@PathVariable long id, @RequestParam(defaultValue = "50") int limit) {
        if (limit < 1 || limit > 500) {
            throw new InvalidInputException("limit", "validation.limit");
        }
        return service.timeline(id, limit);
    }

    @GetMapping("/{id}/contacts")
    List<ContactView> contacts(@PathVariable long id) {
        return service.contacts(id);
    }

    @GetMapping("/{id}/contacts/{contactId}")
    ResponseEntity<ContactView> contact(@PathVariable long id, @PathVariable long contactId) {
        ContactView view = service.contact(id, contactId);
        return Versions.ok(view, view.version());
    }

    @PostMapping("/{id}/contacts")
    ResponseEntity<ContactView> addContact(@PathVariable long id, @Valid @RequestBody ContactData body) {
        long contactId = service.addContact(id, body);
        ContactView view = service.contact(id, contactId);
        return ResponseEntity.status(HttpStatus.CREATED)
                .location(ServletUriComponentsBuilder.fromCurrentRequest().path("/{cid}").build(contactId))
                .eTag(Versions.etag(view.version())).body(view);
    }

    @PutMapping("/{id}/contacts/{contactId}")
    ResponseEntity<ContactView> updateContact(@PathVariable long id, @PathVariable long contactId,
                                              @Valid @RequestBody ContactData body,
                                              @RequestHeader(name = "If-Match", required = false) String ifMatch,
                                              @RequestParam(required = false) Integer version) {
        service.updateContact(id, contactId, Versions.expected(ifMatch, version), body);
        ContactView view = service.contact(id, contactId);
        return Versions.ok(view, view.version());
    }

    @DeleteMapping("/{id}/contacts/{contactId}")
    ResponseEntity<Void> deleteContact(@PathVariable long id, @PathVariable long contactId,
                                       @RequestHeader(name = "If-Match", required = false) String ifMatch,
                                       @RequestParam(required = false) Integer version) {
        service.deleteContact(id, contactId, Versions.expected(ifMatch, version));
        return ResponseEntity.noContent().build();
    }
}
