package dev.guanxi.crm.marketing.api;

import dev.guanxi.crm.common.Versions;
import dev.guanxi.crm.marketing.MessageSender.MessageProgress;
import dev.guanxi.crm.marketing.internal.MessageJobs;
import dev.guanxi.crm.marketing.internal.MessageService;
import dev.guanxi.crm.marketing.internal.MessageTemplates.MessageTemplate;
import dev.guanxi.crm.marketing.internal.MessageTemplates.MessageTemplateData;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import org.springframework.http.HttpStatus;
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

/** REST API for message templates and send jobs (e-mail and SMS to customers). */
@RestController
@RequestMapping("/api/v1")
@Tag(name = "Messaging")
class MessageApi {

    record MessageJobRequest(@NotNull(message = "{validation.required}") Long templateId,
                             @NotNull(message = "{validation.required}") List<Long> customerIds) {
    }

    record MessageJobView(MessageJobs.MessageJob job, MessageProgress progress) {
    }

    private final MessageService messages;

    MessageApi(MessageService messages) {
        this.messages = messages;
    }

    @GetMapping("/message-templates")
    List<MessageTemplate> templates() {
        return messages.templates();
    }

    @GetMapping("/message-templates/{id}")
    ResponseEntity<MessageTemplate> template(@PathVariable long id) {
        MessageTemplate t = messages.template(id);
        return Versions.ok(t, t.version());
    }

    @PostMapping("/message-templates")
    @Operation(summary = "Create a template; placeholders {{name}}, {{contact}}, {{province}}, {{city}}, {{owner}}, "
            + "{{today}}, {{coupon}} only (others are a 400)")
    ResponseEntity<MessageTemplate> createTemplate(@Valid @RequestBody MessageTemplateData body) {
        long id = messages.createTemplate(body);
        MessageTemplate t = messages.template(id);
        return Versions.created(ServletUriComponentsBuilder.fromCurrentRequest().path("/{id}").build(id), t, t.version());
    }

    @PutMapping("/message-templates/{id}")
    ResponseEntity<MessageTemplate> updateTemplate(@PathVariable long id, @Valid @RequestBody MessageTemplateData body,
                                                   @RequestHeader(name = "If-Match", required = false) String ifMatch,
                                                   @RequestParam(required = false) Integer version) {
        messages.updateTemplate(id, Versions.expected(ifMatch, version), body);
        MessageTemplate t = messages.template(id);
        return Versions.ok(t, t.version());
    }

    @PostMapping("/message-jobs")
    @Operation(summary = "Send a template to customers in the background; opted-out customers and customers without "
            + "an address are skipped. Poll GET /message-jobs/{id} for progress")
    ResponseEntity<MessageJobView> send(@Valid @RequestBody MessageJobRequest body) {
        long id = messages.startJob(body.templateId(), body.customerIds());
        return ResponseEntity.status(HttpStatus.CREATED)
                .location(ServletUriComponentsBuilder.fromCurrentRequest().path("/{id}").build(id))
                .body(new MessageJobView(messages.job(id), messages.progress(id)));
    }

    @GetMapping("/message-jobs/{id}")
    MessageJobView job(@PathVariable long id) {
        return new MessageJobView(messages.job(id), messages.progress(id));
    }
}
