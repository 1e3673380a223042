package dev.guanxi.crm.marketing.api;

import dev.guanxi.crm.common.PageResult;
import dev.guanxi.crm.common.Versions;
import dev.guanxi.crm.marketing.SegmentField;
import dev.guanxi.crm.marketing.SegmentOperator;
import dev.guanxi.crm.marketing.internal.MarketingAccess;
import dev.guanxi.crm.marketing.internal.SegmentData;
import dev.guanxi.crm.marketing.internal.SegmentRules;
import dev.guanxi.crm.marketing.internal.SegmentService;
import dev.guanxi.crm.marketing.internal.SegmentView;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
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

/** REST API of segments: fields, preview, dynamic segments and static snapshots. */
@RestController
@RequestMapping("/api/v1/segments")
@Tag(name = "Marketing")
class SegmentApi {

    private final SegmentService segments;

    SegmentApi(SegmentService segments) {
        this.segments = segments;
    }

    record FieldView(String name, String type, List<String> operators, List<String> options) {
    }

    @GetMapping("/fields")
    @Operation(summary = "The fields segment rules may use, with their type, operators and allowed values")
    List<FieldView> fields() {
        MarketingAccess.viewer();
        return segments.fields().stream().map(SegmentApi::view).toList();
    }

    static FieldView view(SegmentField f) {
        return new FieldView(f.name(), f.type().name(), f.operators().stream().sorted().map(SegmentOperator::code)
                .toList(), f.options());
    }

    @PostMapping("/preview")
    @Operation(summary = "Count and a sample of 20 customers matching rules, without saving them")
    SegmentService.Preview preview(@RequestBody SegmentRules rules) {
        return segments.preview(rules);
    }

    @GetMapping
    PageResult<SegmentView> list(@RequestParam(defaultValue = "1") int page,
                                 @RequestParam(defaultValue = "50") int size) {
        return segments.list(page, size);
    }

    @GetMapping("/{id}")
    ResponseEntity<SegmentView> get(@PathVariable long id) {
        SegmentView s = segments.get(id);
        return Versions.ok(s, s.version());
    }

    @PostMapping
    ResponseEntity<SegmentView> create(@Valid @RequestBody SegmentData body) {
        long id = segments.create(body);
        SegmentView s = segments.get(id);
        return Versions.created(ServletUriComponentsBuilder.fromCurrentRequest().path("/{id}").build(id), s, s.version());
    }

    @PutMapping("/{id}")
    ResponseEntity<SegmentView> update(@PathVariable long id, @Valid @RequestBody SegmentData body,
                                       @RequestHeader(name = "If-Match", required = false) String ifMatch,
                                       @RequestParam(required = false) Integer version) {
        segments.update(id, Versions.expected(ifMatch, version), body);
        SegmentView s = segments.get(id);
        return Versions.ok(s, s.version());
    }

    record SnapshotRequest(String name) {
    }

    @PostMapping("/{id}/snapshot")
    @Operation(summary = "Freeze the segment's current members into a new static segment")
    ResponseEntity<SegmentView> snapshot(@PathVariable long id, @RequestBody(required = false) SnapshotRequest body) {
        long snapshotId = segments.snapshot(id, body == null ? null : body.name());
        SegmentView s = segments.get(snapshotId);
        return Versions.created(ServletUriComponentsBuilder.fromCurrentContextPath()
                .path("/api/v1/segments/{id}").build(snapshotId), s, s.version());
    }

    @GetMapping("/{id}/preview")
    @Operation(summary = "Count and a sample of the segment's members the caller may see")
    SegmentService.Preview members(@PathVariable long id) {
        return segments.previewOf(id);
    }
}
