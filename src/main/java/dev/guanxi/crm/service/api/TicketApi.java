package dev.guanxi.crm.service.api;

import dev.guanxi.crm.common.PageResult;
import dev.guanxi.crm.common.Versions;
import dev.guanxi.crm.service.ComplaintCause;
import dev.guanxi.crm.service.TicketStatus;
import dev.guanxi.crm.service.internal.Attachments;
import dev.guanxi.crm.service.internal.KnowledgeBase;
import dev.guanxi.crm.service.internal.Ticket;
import dev.guanxi.crm.service.internal.TicketAttachment;
import dev.guanxi.crm.service.internal.TicketComment;
import dev.guanxi.crm.service.internal.TicketData;
import dev.guanxi.crm.service.internal.TicketHistory;
import dev.guanxi.crm.service.internal.TicketQuery;
import dev.guanxi.crm.service.internal.TicketService;
import dev.guanxi.crm.service.internal.TicketState;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.springframework.core.io.InputStreamResource;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;

/** REST API for tickets: list, open, edit, workflow steps, comments, attachments and solving articles. */
@RestController
@RequestMapping("/api/v1/tickets")
@Tag(name = "Service: tickets")
class TicketApi {

    private final TicketService tickets;
    private final Attachments attachments;
    private final KnowledgeBase kb;

    TicketApi(TicketService tickets, Attachments attachments, KnowledgeBase kb) {
        this.tickets = tickets;
        this.attachments = attachments;
        this.kb = kb;
    }

    /** A workflow step: the target status and what the step records (complaints: see TicketStatus). */
    record TransitionBody(TicketStatus status, @Size(max = 20000) String keyPoints, Boolean valid,
                          @Size(max = 20000) String invalidReason, ComplaintCause cause,
                          @Size(max = 20000) String solution, @Size(max = 20000) String followUp,
                          @Size(max = 2000) String note) {
    }

    record CommentBody(@NotBlank @Size(max = 20000) String body, Boolean customerVisible) {
    }

    @GetMapping
    @Operation(summary = "Tickets the user sees; filters status, type, priority, ownerId, teamId, customerId, "
            + "state=open|closed, overdue=true, q (subject or #id); sort=created|priority|due|subject")
    PageResult<Ticket> list(@ModelAttribute TicketQuery query, @RequestParam(defaultValue = "1") int page,
                            @RequestParam(defaultValue = "50") int size) {
        return tickets.search(query, page, size);
    }

    @GetMapping("/{id}")
    ResponseEntity<Ticket> get(@PathVariable long id) {
        Ticket t = tickets.get(id);
        return Versions.ok(t, t.version());
    }

    @PostMapping
    ResponseEntity<Ticket> open(@Valid @RequestBody TicketData body) {
        long id = tickets.open(body);
        Ticket t = tickets.get(id);
        return Versions.created(ServletUriComponentsBuilder.fromCurrentRequest().path("/{id}").build(id), t, t.version());
    }

    @PutMapping("/{id}")
    ResponseEntity<Ticket> update(@PathVariable long id, @Valid @RequestBody TicketData body,
                                  @RequestHeader(name = "If-Match", required = false) String ifMatch,
                                  @RequestParam(required = false) Integer version) {
        tickets.update(id, Versions.expected(ifMatch, version), body);
        Ticket t = tickets.get(id);
        return Versions.ok(t, t.version());
    }

    @PostMapping("/{id}/transitions")
    @Operation(summary = "Moves the ticket to the next status; 409 naming the allowed next steps when not allowed")
    ResponseEntity<Ticket> transition(@PathVariable long id, @Valid @RequestBody TransitionBody body,
                                      @RequestHeader(name = "If-Match", required = false) String ifMatch,
                                      @RequestParam(required = false) Integer version) {
        tickets.transition(id, Versions.expected(ifMatch, version), new TicketService.TransitionRequest(body.status(),
                new TicketState.Step(body.keyPoints(), body.valid(), body.invalidReason(), body.cause(),
                        body.solution(), body.followUp()), body.note()));
        Ticket t = tickets.get(id);
        return Versions.ok(t, t.version());
    }

    @GetMapping("/{id}/history")
    TicketHistory history(@PathVariable long id) {
        return tickets.history(id);
    }

    @GetMapping("/{id}/comments")
    List<TicketComment> comments(@PathVariable long id) {
        return tickets.comments(id);
    }

    @PostMapping("/{id}/comments")
    ResponseEntity<List<TicketComment>> comment(@PathVariable long id, @Valid @RequestBody CommentBody body) {
        tickets.comment(id, body.body(), Boolean.TRUE.equals(body.customerVisible()));
        return ResponseEntity.status(201).body(tickets.comments(id));
    }

    @GetMapping("/{id}/attachments")
    List<TicketAttachment> attachments(@PathVariable long id) {
        return attachments.list(id);
    }

    @PostMapping(path = "/{id}/attachments", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    @Operation(summary = "Uploads a file (PDF, PNG, JPEG, GIF or UTF-8 text, checked by content; size limit "
            + "guanxi.service.attachments.max-size)")
    ResponseEntity<TicketAttachment> upload(@PathVariable long id, @RequestPart("file") MultipartFile file)
            throws IOException {
        TicketAttachment a;
        try (InputStream in = file.getInputStream()) {
            a = attachments.add(id, file.getOriginalFilename(), in);
        }
        return ResponseEntity.created(ServletUriComponentsBuilder.fromCurrentRequest().path("/{aid}").build(a.id()))
                .body(a);
    }

    @GetMapping("/{id}/attachments/{attachmentId}")
    ResponseEntity<InputStreamResource> download(@PathVariable long id, @PathVariable long attachmentId) {
        return attachments.open(id, attachmentId).asResponse();
    }

    @GetMapping("/{id}/articles")
    List<KnowledgeBase.Summary> articles(@PathVariable long id) {
        return kb.solving(id);
    }
}
