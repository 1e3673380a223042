package dev.guanxi.crm.service.api;

import dev.guanxi.crm.common.PageResult;
import dev.guanxi.crm.common.Versions;
import dev.guanxi.crm.service.internal.KbArticle;
import dev.guanxi.crm.service.internal.KbArticleData;
import dev.guanxi.crm.service.internal.KnowledgeBase;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
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

import java.util.Map;

/** REST API for the solutions knowledge base. */
@RestController
@RequestMapping("/api/v1/kb/articles")
@Tag(name = "Service: knowledge base")
class KnowledgeBaseApi {

    private final KnowledgeBase kb;

    KnowledgeBaseApi(KnowledgeBase kb) {
        this.kb = kb;
    }

    @GetMapping
    @Operation(summary = "Articles matching q (English by word stem, Chinese by characters), tag and product")
    PageResult<KnowledgeBase.Summary> search(@RequestParam(required = false) String q,
                                             @RequestParam(required = false) String tag,
                                             @RequestParam(required = false) Long productId,
                                             @RequestParam(defaultValue = "1") int page,
                                             @RequestParam(defaultValue = "20") int size) {
        return kb.search(q, tag, productId, page, size);
    }

    @GetMapping("/{id}")
    ResponseEntity<KbArticle> get(@PathVariable long id) {
        KbArticle a = kb.get(id);
        return Versions.ok(a, a.version());
    }

    @PostMapping
    ResponseEntity<KbArticle> create(@Valid @RequestBody KbArticleData body) {
        long id = kb.create(body);
        KbArticle a = kb.get(id);
        return Versions.created(ServletUriComponentsBuilder.fromCurrentRequest().path("/{id}").build(id), a, a.version());
    }

    @PutMapping("/{id}")
    ResponseEntity<KbArticle> update(@PathVariable long id, @Valid @RequestBody KbArticleData body,
                                     @RequestHeader(name = "If-Match", required = false) String ifMatch,
                                     @RequestParam(required = false) Integer version) {
        kb.update(id, Versions.expected(ifMatch, version), body);
        KbArticle a = kb.get(id);
        return Versions.ok(a, a.version());
    }

    @DeleteMapping("/{id}")
    ResponseEntity<Void> delete(@PathVariable long id,
                                @RequestHeader(name = "If-Match", required = false) String ifMatch,
                                @RequestParam(required = false) Integer version) {
        kb.delete(id, Versions.expected(ifMatch, version));
        return ResponseEntity.noContent().build();
    }

    @PostMapping("/{id}/helpful")
    @Operation(summary = "Counts the user's helpful vote (once per user)")
    Map<String, Integer> helpful(@PathVariable long id) {
        return Map.of("helpfulCount", kb.voteHelpful(id));
    }

    @GetMapping("/{id}/tickets")
    @Operation(summary = "The tickets the article solved that the user sees (of the 50 linked last)")
    java.util.List<dev.guanxi.crm.service.internal.Ticket> tickets(@PathVariable long id) {
        kb.get(id);
        return kb.solvedTickets(id);
    }

    @PutMapping("/{id}/tickets/{ticketId}")
    @Operation(summary = "Links the article to a ticket it solved")
    ResponseEntity<Void> link(@PathVariable long id, @PathVariable long ticketId) {
        kb.linkTicket(id, ticketId);
        return ResponseEntity.noContent().build();
    }

    @DeleteMapping("/{id}/tickets/{ticketId}")
    ResponseEntity<Void> unlink(@PathVariable long id, @PathVariable long ticketId) {
        kb.unlinkTicket(id, ticketId);
        return ResponseEntity.noContent().build();
    }
}
