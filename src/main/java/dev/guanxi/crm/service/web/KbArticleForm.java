package dev.guanxi.crm.service.web;

import dev.guanxi.crm.service.internal.KbArticle;
import dev.guanxi.crm.service.internal.KbArticleData;

import java.util.Arrays;
import java.util.List;

/** What the article form binds; tags are entered comma-separated (English or Chinese commas). */
public class KbArticleForm {

    private String title;
    private String body;
    private String tags;
    private Long productId;
    private Integer version;

    static KbArticleForm of(KbArticle a) {
        KbArticleForm f = new KbArticleForm();
        f.title = a.title();
        f.body = a.body();
        f.tags = String.join(", ", a.tags());
        f.productId = a.productId();
        f.version = a.version();
        return f;
    }

    KbArticleData toData() {
        List<String> list = tags == null ? List.of()
                : Arrays.stream(tags.split("[,，、]")).map(String::strip).filter(s -> !s.isEmpty()).toList();
        return new KbArticleData(title, body, list, productId);
    }

    public String getTitle() { return title; }
    public void setTitle(String title) { this.title = title; }
    public String getBody() { return body; }
    public void setBody(String body) { this.body = body; }
    public String getTags() { return tags; }
    public void setTags(String tags) { this.tags = tags; }
    public Long getProductId() { return productId; }
    public void setProductId(Long productId) { this.productId = productId; }
    public Integer getVersion() { return version; }
    public void setVersion(Integer version) { this.version = version; }
}
