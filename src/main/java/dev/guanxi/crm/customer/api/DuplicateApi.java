package dev.guanxi.crm.customer.api;

import dev.guanxi.crm.common.InvalidInputException;
import dev.guanxi.crm.common.PageResult;
import dev.guanxi.crm.customer.internal.CustomerMerges;
import dev.guanxi.crm.customer.internal.CustomerMerges.Side;
import dev.guanxi.crm.customer.internal.CustomerService;
import dev.guanxi.crm.customer.internal.DuplicateQueue;
import dev.guanxi.crm.customer.internal.DuplicateScans;
import dev.guanxi.crm.common.NotFoundException;
import dev.guanxi.crm.identity.CurrentUser;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.net.URI;
import java.util.Map;

/** Duplicate candidates, scans and merges for integrations. */
@RestController
@RequestMapping("/api/v1")
class DuplicateApi {

    /** @param fields per field name, SURVIVOR or MERGED; fields left out keep the survivor's value unless it is empty */
    record MergeRequest(Long survivorId, Long mergedId, Map<String, Side> fields) {
    }

    private final DuplicateQueue queue;
    private final DuplicateScans scans;
    private final CustomerMerges merges;

    DuplicateApi(DuplicateQueue queue, DuplicateScans scans, CustomerMerges merges) {
        this.queue = queue;
        this.scans = scans;
        this.merges = merges;
    }

    @GetMapping("/duplicates")
    PageResult<DuplicateQueue.Candidate> list(@RequestParam(required = false) String status,
                                              @RequestParam(required = false) Long customerId,
                                              @RequestParam(defaultValue = "1") int page,
                                              @RequestParam(defaultValue = "25") int size) {
        return queue.list(DuplicateQueue.status(status), customerId, page, size);
    }

    @PostMapping("/duplicates/{id}/dismiss")
    ResponseEntity<Void> dismiss(@PathVariable long id) {
        queue.dismiss(id);
        return ResponseEntity.noContent().build();
    }

    @PostMapping("/duplicates/scans")
    ResponseEntity<DuplicateScans.Scan> scan() {
        CurrentUser user = CurrentUser.get();
        CustomerService.requireEdit(user);
        DuplicateScans.Scan scan = scans.start(user.id());
        return ResponseEntity.accepted().location(URI.create("/api/v1/duplicates/scans/" + scan.id())).body(scan);
    }

    @GetMapping("/duplicates/scans/{id}")
    DuplicateScans.Scan scanStatus(@PathVariable long id) {
        return scans.find(id).orElseThrow(() -> new NotFoundException("Duplicate scan", id));
    }

    @PostMapping("/customers/merges")
    ResponseEntity<Map<String, Long>> merge(@RequestBody MergeRequest request) {
        if (request.survivorId() == null) {
            throw new InvalidInputException("survivorId", "validation.required");
        }
        if (request.mergedId() == null) {
            throw new InvalidInputException("mergedId", "validation.required");
        }
        long id = merges.merge(request.survivorId(), request.mergedId(),
                request.fields() == null ? Map.of() : request.fields());
        return ResponseEntity.created(URI.create("/api/v1/customers/" + request.survivorId()))
                .body(Map.of("mergeId", id, "survivorId", request.survivorId()));
    }

    @PostMapping("/customers/merges/{id}/undo")
    ResponseEntity<Void> undo(@PathVariable long id) {
        merges.undo(id);
        return ResponseEntity.noContent().build();
    }
}
