package dev.guanxi.crm.service.internal;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Knowledge-base Markdown is rendered without letting HTML or script URLs through. */
class MarkdownTest {

    @Test
    void markdownIsRenderedAndRawHtmlIsEscaped() {
        String html = Markdown.toHtml("""
                # 退款 Refunds

                **Step 1**: check the order.

                <script>alert('x')</script>
                <img src=x onerror=alert(1)>

                [click](javascript:alert(1)) and [help](https://example.com/help)
                """);
        assertThat(html).contains("<h1>退款 Refunds</h1>", "<strong>Step 1</strong>",
                "&lt;script&gt;alert('x')&lt;/script&gt;", "&lt;img src=x onerror=alert(1)&gt;",
                "href=\"https://example.com/help\">help</a>");
        assertThat(html).doesNotContain("<script", "<img", "javascript:");
    }

    @Test
    void queryGramsArePairsOfCharacters() {
        assertThat(KnowledgeBase.grams("退款")).containsExactly("退款");
        assertThat(KnowledgeBase.grams("退款流程")).containsExactly("退款", "款流", "流程");
        assertThat(KnowledgeBase.grams("茶")).containsExactly("茶");
    }
}
