package dev.guanxi.crm.activity.api;

import dev.guanxi.crm.activity.internal.Activity;
import dev.guanxi.crm.activity.internal.ActivityData;
import dev.guanxi.crm.activity.internal.ActivityQuery;
import dev.guanxi.crm.activity.internal.ActivityService;
import dev.guanxi.crm.common.PageResult;
import dev.guanxi.crm.common.Versions;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/** REST API for activities: list with filters, log, edit, complete and delete (If-Match or version). */
@RestController
@RequestMapping("/api/v1/activities")
@Tag(name = "Activities")
class ActivityApi {

    private final ActivityService activities;

    ActivityApi(ActivityService activities) {
        this.activities = activities;
    }

    @GetMapping
    PageResult<Activity> list(@ModelAttribute ActivityQuery query) {
        return activities.search(query);
    }

    @GetMapping("/{id}")
    ResponseEntity<Activity> get(@PathVariable long id) {
        Activity a = activities.get(id);
        return Versions.ok(a, a.version());
    }

    @PostMapping
    ResponseEntity<Activity> create(@Valid @RequestBody ActivityData body) {
        long id = activities.create(body);
        Activity a = activities.get(id);
        return Versions.created(ServletUriComponentsBuilder.fromCurrentRequest().path("/{id}").build(id), a, a.version());
    }

    @PutMapping("/{id}")
    ResponseEntity<Activity> update(@PathVariable long id, @Valid @RequestBody ActivityData body,
                                    @RequestHeader(name = "If-Match", required = false) String ifMatch,
                                    @RequestParam(required = false) Integer version) {
        activities.update(id, Versions.expected(ifMatch, version), body);
        Activity a = activities.get(id);
        return Versions.ok(a, a.version());
    }

    @PostMapping("/{id}/complete")
    ResponseEntity<Activity> complete(@PathVariable long id,
                                      @RequestHeader(name = "If-Match", required = false) String ifMatch,
                                      @RequestParam(required = false) Integer version) {
        activities.complete(id, Versions.expected(ifMatch, version));
        Activity a = activities.get(id);
        return Versions.ok(a, a.version());
    }

    @DeleteMapping("/{id}")
    ResponseEntity<Void> delete(@PathVariable long id,
                                @RequestHeader(name = "If-Match", required = false) String ifMatch,
                                @RequestParam(required = false) Integer version) {
        activities.delete(id, Versions.expected(ifMatch, version));
        return ResponseEntity.noContent().build();
    }
}
