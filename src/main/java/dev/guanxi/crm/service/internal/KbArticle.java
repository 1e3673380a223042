package dev.guanxi.crm.service.internal;

import java.time.Instant;
import java.util.List;

/**
 * A knowledge-base article (解决方案).
 *
 * @param html the body rendered from Markdown, safe to insert into a page
 */
public record KbArticle(long id, String title, String body, String html, List<String> tags, Long productId,
                        String productName, long authorId, String authorName, Instant createdAt, Instant updatedAt,
                        int helpfulCount, int version) {
}
