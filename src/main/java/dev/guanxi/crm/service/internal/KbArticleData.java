package dev.guanxi.crm.service.internal;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

import java.util.List;

/** What an article is written with: Markdown body, tags (at most 20, each at most 40 characters), optional product. */
public record KbArticleData(@NotBlank @Size(max = 200) String title, @NotBlank @Size(max = 100000) String body,
                            @Size(max = 20) List<@NotBlank @Size(max = 40) String> tags, Long productId) {
}
