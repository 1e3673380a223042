package dev.guanxi.crm.service.internal;

import dev.guanxi.crm.audit.AuditAction;
import dev.guanxi.crm.audit.AuditTrail;
import dev.guanxi.crm.audit.AuditTrail.Change;
import dev.guanxi.crm.common.ConflictException;
import dev.guanxi.crm.common.InvalidInputException;
import dev.guanxi.crm.common.NotFoundException;
import dev.guanxi.crm.common.PageResult;
import dev.guanxi.crm.identity.CurrentUser;
import dev.guanxi.crm.identity.Role;
import dev.guanxi.crm.identity.UserDirectory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The solutions knowledge base: articles anyone may read, search and vote helpful; written by anyone, edited and
 * deleted by their author, service agents, managers and admins. Search matches English words by stem
 * (to_tsvector('english')) and Chinese text by its one- and two-character grams (guanxi_grams), each served by a
 * GIN index.
 */
@Service
public class KnowledgeBase {

    private static final String COLUMNS = """
            a.id, a.title, a.body, a.tags, a.product_id, p.name AS product_name, a.author_id, a.created_at,
            a.updated_at, a.helpful_count, a.version""";
    private static final String FROM = " FROM kb_articles a LEFT JOIN products p ON p.id = a.product_id";

    private final JdbcClient jdbc;
    private final TicketService tickets;
    private final UserDirectory users;
    private final AuditTrail audit;

    KnowledgeBase(JdbcClient jdbc, TicketService tickets, UserDirectory users, AuditTrail audit) {
        this.jdbc = jdbc;
        this.tickets = tickets;
        this.users = users;
        this.audit = audit;
    }

    /** An article in a list or a ticket's list of solving articles. */
    public record Summary(long id, String title, List<String> tags, String productName, int helpfulCount) {
    }

    @Transactional
    public long create(KbArticleData d) {
        CurrentUser user = CurrentUser.get();
        checkProduct(d.productId());
        long id = jdbc.sql("""
                        INSERT INTO kb_articles (title, body, tags, product_id, author_id)
                        VALUES (:title, :body, CAST(:tags AS text[]), :product, :author) RETURNING id""")
                .param("title", d.title().strip()).param("body", d.body().strip()).param("tags", tags(d.tags()))
                .param("product", d.productId()).param("author", user.id()).query(Long.class).single();
        audit.record("kb_article", id, AuditAction.CREATE, Map.of("title", new Change(null, d.title().strip())),
                d.title().strip());
        return id;
    }

    @Transactional(readOnly = true)
    public KbArticle get(long id) {
        KbArticle a = jdbc.sql("SELECT " + COLUMNS + FROM + " WHERE a.id = ?").param(id).query(KnowledgeBase::map)
                .optional().orElseThrow(() -> new NotFoundException("Article", id));
        String author = users.displayNames(List.of(a.authorId())).get(a.authorId());
        return new KbArticle(a.id(), a.title(), a.body(), Markdown.toHtml(a.body()), a.tags(), a.productId(),
                a.productName(), a.authorId(), author, a.createdAt(), a.updatedAt(), a.helpfulCount(), a.version());
    }

    @Transactional
    public void update(long id, int version, KbArticleData d) {
        KbArticle current = get(id);
        checkEditor(current);
        checkProduct(d.productId());
        boolean saved = jdbc.sql("""
                        UPDATE kb_articles SET title = :title, body = :body, tags = CAST(:tags AS text[]),
                          product_id = :product, updated_at = now(), version = version + 1
                        WHERE id = :id AND version = :version""")
                .param("title", d.title().strip()).param("body", d.body().strip()).param("tags", tags(d.tags()))
                .param("product", d.productId()).param("id", id).param("version", version).update() == 1;
        if (!saved) {
            throw stale(id);
        }
        Map<String, Change> changes = new LinkedHashMap<>();
        if (!current.title().equals(d.title().strip())) {
            changes.put("title", new Change(current.title(), d.title().strip()));
        }
        if (!current.body().equals(d.body().strip())) {
            changes.put("body", new Change("(" + current.body().length() + " chars)", "(" + d.body().strip().length() + " chars)"));
        }
        if (!Objects.equals(current.productId(), d.productId())) {
            changes.put("productId", new Change(current.productId(), d.productId()));
        }
        audit.record("kb_article", id, AuditAction.UPDATE, changes, d.title().strip());
    }

    @Transactional
    public void delete(long id, int version) {
        KbArticle current = get(id);
        checkEditor(current);
        if (jdbc.sql("DELETE FROM kb_articles WHERE id = ? AND version = ?").params(id, version).update() != 1) {
            throw stale(id);
        }
        audit.record("kb_article", id, AuditAction.DELETE, Map.of(), current.title());
    }

    /** Counts the signed-in user's "helpful" vote once; returns the article's count afterwards. */
    @Transactional
    public int voteHelpful(long id) {
        get(id);
        int added = jdbc.sql("INSERT INTO kb_votes (article_id, user_id) VALUES (?, ?) ON CONFLICT DO NOTHING")
                .params(id, CurrentUser.get().id()).update();
        if (added == 1) {
            return jdbc.sql("UPDATE kb_articles SET helpful_count = helpful_count + 1 WHERE id = ? RETURNING helpful_count")
                    .param(id).query(Integer.class).single();
        }
        return jdbc.sql("SELECT helpful_count FROM kb_articles WHERE id = ?").param(id).query(Integer.class).single();
    }

    @Transactional(readOnly = true)
    public boolean votedHelpful(long id) {
        return jdbc.sql("SELECT EXISTS (SELECT 1 FROM kb_votes WHERE article_id = ? AND user_id = ?)")
                .params(id, CurrentUser.get().id()).query(Boolean.class).single();
    }

    /** Links the article to a ticket it solved (once); the ticket must be visible to the user. */
    @Transactional
    public void linkTicket(long articleId, long ticketId) {
        KbArticle a = get(articleId);
        Ticket t = tickets.get(ticketId);
        int added = jdbc.sql("INSERT INTO kb_article_tickets (article_id, ticket_id, linked_by) VALUES (?, ?, ?) ON CONFLICT DO NOTHING")
                .params(articleId, ticketId, CurrentUser.get().id()).update();
        if (added == 1) {
            audit.record("ticket", ticketId, AuditAction.UPDATE, Map.of("solvedBy", new Change(null, "article " + articleId)),
                    t.subject() + " ← " + a.title());
        }
    }

    @Transactional
    public void unlinkTicket(long articleId, long ticketId) {
        tickets.get(ticketId);
        if (jdbc.sql("DELETE FROM kb_article_tickets WHERE article_id = ? AND ticket_id = ?").params(articleId, ticketId)
                .update() == 1) {
            audit.record("ticket", ticketId, AuditAction.UPDATE, Map.of("solvedBy", new Change("article " + articleId, null)),
                    "unlinked article " + articleId);
        }
    }

    /** Articles that solved the ticket. */
    @Transactional(readOnly = true)
    public List<Summary> solving(long ticketId) {
        tickets.get(ticketId);
        return jdbc.sql("SELECT a.id, a.title, a.tags, p.name AS product_name, a.helpful_count" + FROM
                        + " JOIN kb_article_tickets l ON l.article_id = a.id WHERE l.ticket_id = ? ORDER BY a.title")
                .param(ticketId).query(KnowledgeBase::summary).list();
    }

    /** The tickets the article solved that the user sees (of the 50 linked last). */
    @Transactional(readOnly = true)
    public List<Ticket> solvedTickets(long articleId) {
        return tickets.visible(jdbc.sql("SELECT ticket_id FROM kb_article_tickets WHERE article_id = ? ORDER BY linked_at DESC LIMIT 50")
                .param(articleId).query(Long.class).list());
    }

    /**
     * Articles matching the text (English by stem, Chinese by characters), tag and product; best match first when
     * searching, else newest first.
     */
    @Transactional(readOnly = true)
    public PageResult<Summary> search(String q, String tag, Long productId, int page, int size) {
        PageResult.checkRequest(page, size);
        Map<String, Object> params = new HashMap<>();
        StringBuilder w = new StringBuilder("TRUE");
        String order = "a.updated_at DESC, a.id DESC";
        String text = q == null ? "" : q.strip();
        if (!text.isEmpty()) {
            if (text.length() > 200) {
                throw new InvalidInputException("q", "kb.validation.query");
            }
            List<String> tokens = Arrays.stream(text.split("\\s+")).limit(10).toList();
            List<String> grams = tokens.stream().flatMap(t -> grams(t).stream()).distinct().toList();
            w.append(" AND (to_tsvector('english', a.title || ' ' || a.body) @@ plainto_tsquery('english', :q)");
            // Chinese words are not separated by spaces: every character pair of each word (GIN), then the word itself
            w.append(" OR (guanxi_grams(a.title || ' ' || a.body) @> CAST(:grams AS text[])");
            for (int i = 0; i < tokens.size(); i++) {
                w.append(" AND strpos(lower(a.title || ' ' || a.body), lower(:token").append(i).append(")) > 0");
                params.put("token" + i, tokens.get(i));
            }
            w.append(")");
            params.put("grams", textArray(grams));
            w.append(")");
            params.put("q", text);
            order = "ts_rank(to_tsvector('english', a.title || ' ' || a.body), plainto_tsquery('english', :q)) DESC, "
                    + "(strpos(lower(a.title), lower(:q)) > 0) DESC, a.helpful_count DESC, a.id DESC";
        }
        if (tag != null && !tag.isBlank()) {
            w.append(" AND a.tags @> ARRAY[CAST(:tag AS text)]");
            params.put("tag", tag.strip());
        }
        if (productId != null) {
            w.append(" AND a.product_id = :product");
            params.put("product", productId);
        }
        List<Summary> rows = jdbc.sql("SELECT a.id, a.title, a.tags, p.name AS product_name, a.helpful_count" + FROM
                        + " WHERE " + w + " ORDER BY " + order + " LIMIT :limit OFFSET :offset")
                .params(params).param("limit", size + 1).param("offset", (page - 1) * size)
                .query(KnowledgeBase::summary).list();
        return PageResult.fromProbe(rows, page, size);
    }

    /** Markdown bodies of the given articles (to insert into a reply). */
    @Transactional(readOnly = true)
    public Map<Long, String> bodies(java.util.Collection<Long> ids) {
        Map<Long, String> bodies = new HashMap<>();
        if (!ids.isEmpty()) {
            jdbc.sql("SELECT id, body FROM kb_articles WHERE id IN (:ids)").param("ids", ids)
                    .query((rs, n) -> bodies.put(rs.getLong("id"), rs.getString("body"))).list();
        }
        return bodies;
    }

    /** Active products for the article form (the sales catalogue). */
    @Transactional(readOnly = true)
    public Map<Long, String> products() {
        Map<Long, String> products = new LinkedHashMap<>();
        jdbc.sql("SELECT id, name FROM products WHERE active ORDER BY name LIMIT 1000")
                .query((rs, n) -> products.put(rs.getLong("id"), rs.getString("name"))).list();
        return products;
    }

    /** The query's two-character grams (one gram for a single character), without whitespace. */
    static List<String> grams(String text) {
        String t = text.toLowerCase().replaceAll("\\s+", "");
        Set<String> grams = new LinkedHashSet<>();
        if (t.length() == 1) {
            grams.add(t);
        }
        for (int i = 0; i + 2 <= t.length() && grams.size() < 50; i++) {
            grams.add(t.substring(i, i + 2));
        }
        return new ArrayList<>(grams);
    }

    private void checkEditor(KbArticle a) {
        CurrentUser user = CurrentUser.get();
        if (a.authorId() != user.id() && user.role() != Role.ADMIN && user.role() != Role.MANAGER
                && user.role() != Role.SERVICE_AGENT) {
            throw new org.springframework.security.access.AccessDeniedException("Only the author or service staff edit an article");
        }
    }

    private void checkProduct(Long productId) {
        if (productId != null && !jdbc.sql("SELECT EXISTS (SELECT 1 FROM products WHERE id = ?)").param(productId)
                .query(Boolean.class).single()) {
            throw new InvalidInputException("productId", "kb.validation.product");
        }
    }

    private static String tags(List<String> tags) {
        if (tags == null) {
            return "{}";
        }
        Set<String> clean = new LinkedHashSet<>();
        tags.stream().filter(Objects::nonNull).map(String::strip).filter(s -> !s.isEmpty()).forEach(clean::add);
        return textArray(clean);
    }

    /** A PostgreSQL text[] literal, each element quoted. */
    static String textArray(java.util.Collection<String> values) {
        return values.stream().map(v -> "\"" + v.replace("\\", "\\\\").replace("\"", "\\\"") + "\"")
                .collect(java.util.stream.Collectors.joining(",", "{", "}"));
    }

    private static List<String> tagList(ResultSet rs) throws SQLException {
        java.sql.Array array = rs.getArray("tags");
        return array == null ? List.of() : Arrays.stream((Object[]) array.getArray()).map(String::valueOf).toList();
    }

    private static Summary summary(ResultSet rs, int n) throws SQLException {
        return new Summary(rs.getLong("id"), rs.getString("title"), tagList(rs), rs.getString("product_name"),
                rs.getInt("helpful_count"));
    }

    private static KbArticle map(ResultSet rs, int n) throws SQLException {
        return new KbArticle(rs.getLong("id"), rs.getString("title"), rs.getString("body"), null, tagList(rs),
                rs.getObject("product_id", Long.class), rs.getString("product_name"), rs.getLong("author_id"), null,
                rs.getTimestamp("created_at").toInstant(), rs.getTimestamp("updated_at").toInstant(),
                rs.getInt("helpful_count"), rs.getInt("version"));
    }

    private static ConflictException stale(long id) {
        return new ConflictException("Article " + id + " was changed by someone else since you loaded it "
                + "(version mismatch). Reload it and apply your change again.");
    }

    /** All tags in use, most used first (for the filter). */
    @Transactional(readOnly = true)
    public List<String> tagsInUse() {
        return jdbc.sql("SELECT tag FROM kb_articles, unnest(tags) tag GROUP BY tag ORDER BY count(*) DESC, tag LIMIT 100")
                .query(String.class).list();
    }

}
