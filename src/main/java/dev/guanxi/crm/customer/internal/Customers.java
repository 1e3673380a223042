package dev.guanxi.crm.customer.internal;

import dev.guanxi.crm.customer.CustomerQuery;
import dev.guanxi.crm.common.GenericPlans;
import dev.guanxi.crm.common.PageResult;
import dev.guanxi.crm.common.ReadOnlyTransactionMemo;
import dev.guanxi.crm.customer.CreditTerms;
import dev.guanxi.crm.customer.CustomerKind;
import dev.guanxi.crm.customer.CustomerType;
import dev.guanxi.crm.customer.Gender;
import dev.guanxi.crm.customer.LifecycleStage;
import dev.guanxi.crm.customer.LoyaltyStatus;
import dev.guanxi.crm.customer.PinyinNameKey;
import dev.guanxi.crm.customer.RelationshipLevel;
import dev.guanxi.crm.customer.Settlement;
import dev.guanxi.crm.customer.ValueTier;
import dev.guanxi.crm.identity.CurrentUser;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceUtils;
import org.postgresql.PGConnection;
import org.springframework.stereotype.Repository;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import javax.sql.DataSource;
import java.io.IOException;
import java.io.StringReader;
import java.sql.Connection;
import java.sql.Array;
import java.sql.Date;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Set;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import java.util.Optional;

/** Customer rows in PostgreSQL; every read is filtered by what the given user may see. */
@Repository
class Customers {

    private static final String COLUMNS = """
            id, kind, name, customer_type, value_tier, loyalty_status, settlement, credit_terms, credit_limit,
            lifecycle_stage, relationship_level, industry, occupation, birth_date, gender, province, city, district,
            address, source, tags, phone, email, id_number, notes, custom_fields::text AS custom_fields, owner_id,
            team_id, version, created_at, updated_at, deleted_at""";

    /** Rows fetched per round trip when streaming; PostgreSQL then reads through a cursor, not all at once. */
    static final int STREAM_FETCH_SIZE = 1000;

    private final JdbcClient jdbc;
    private final JsonMapper json;
    private final NamedParameterJdbcTemplate streaming;
    private final DataSource dataSource;

    Customers(JdbcClient jdbc, JsonMapper json, DataSource dataSource) {
        this.jdbc = jdbc;
        this.json = json;
        this.dataSource = dataSource;
        JdbcTemplate template = new JdbcTemplate(dataSource);
        template.setFetchSize(STREAM_FETCH_SIZE);
        this.streaming = new NamedParameterJdbcTemplate(template);
    }

    private static final String INSERT = """
            INSERT INTO customers (kind, name, customer_type, value_tier, loyalty_status, settlement,
              credit_terms, credit_limit, lifecycle_stage, relationship_level, industry, occupation,
              birth_date, gender, province, city, district, address, source, tags, phone, email,
              id_number, notes, custom_fields, owner_id, team_id, name_key%s)
            VALUES (:kind, :name, :customerType, :valueTier, :loyaltyStatus, :settlement, :creditTerms,
              :creditLimit, :lifecycleStage, :relationshipLevel, :industry, :occupation, :birthDate,
              :gender, :province, :city, :district, :address, :source, :tags, :phone, :email, :idNumber,
              :notes, CAST(:customFields AS jsonb), :ownerId, :teamId, :nameKey%s)""";

    private static final String UPDATE = """
            UPDATE customers SET kind = :kind, name = :name, name_key = :nameKey, customer_type = :customerType,
              value_tier = :valueTier, loyalty_status = :loyaltyStatus, settlement = :settlement,
              credit_terms = :creditTerms, credit_limit = :creditLimit, lifecycle_stage = :lifecycleStage,
              relationship_level = :relationshipLevel, industry = :industry, occupation = :occupation,
              birth_date = :birthDate, gender = :gender, province = :province, city = :city,
              district = :district, address = :address, source = :source, tags = :tags, phone = :phone,
              email = :email, id_number = :idNumber, notes = :notes,
              custom_fields = CAST(:customFields AS jsonb), owner_id = :ownerId, team_id = :teamId,
              version = version + 1, updated_at = now()
            WHERE id = :id AND version = :version AND deleted_at IS NULL""";

    long insert(CustomerData d, long ownerId, Long teamId) {
        return jdbc.sql(INSERT.formatted("", "") + " RETURNING id")
                .paramSource(params(d, ownerId, teamId))
                .query(Long.class).single();
    }

    /** Updates when the stored version is {@code expectedVersion}; false when it changed meanwhile. */
    boolean update(long id, int expectedVersion, CustomerData d, long ownerId, Long teamId) {
        return jdbc.sql(UPDATE).params(updateParams(id, expectedVersion, d, ownerId, teamId)).update() == 1;
    }

    private Map<String, Object> updateParams(long id, int expectedVersion, CustomerData d, long ownerId, Long teamId) {
        Map<String, Object> params = params(d, ownerId, teamId);
        params.put("id", id);
        params.put("version", expectedVersion);
        return params;
    }

    /** A new customer of a bulk insert, its id taken from {@link #nextIds}. */
    record NewCustomer(long id, CustomerData data, long ownerId, Long teamId, String externalId) {
    }

    /** A bulk update that applies only while the stored version is {@code expectedVersion}. */
    record Change(long id, int expectedVersion, CustomerData data, long ownerId, Long teamId) {
    }

    List<Long> nextIds(int n) {
        return jdbc.sql("SELECT nextval(pg_get_serial_sequence('customers', 'id')) FROM generate_series(1, ?)")
                .param(n).query(Long.class).list();
    }

    private static final String COPY = """
            COPY customers (id, kind, name, customer_type, value_tier, loyalty_status, settlement, credit_terms,
              credit_limit, lifecycle_stage, relationship_level, industry, occupation, birth_date, gender, province,
              city, district, address, source, tags, phone, email, id_number, notes, custom_fields, owner_id, team_id,
              external_id, name_key) FROM STDIN""";

    /**
     * Inserts many customers with one COPY in the current transaction (an order of magnitude faster than batched
     * INSERTs); ids come from {@link #nextIds}.
     */
    void insertAll(List<NewCustomer> rows) {
        if (rows.isEmpty()) {
            return;
        }
        StringBuilder text = new StringBuilder(rows.size() * 200);
        for (NewCustomer r : rows) {
            CustomerData d = r.data();
            CopyRow row = new CopyRow(text);
            row.add(r.id()).add(d.kind()).add(d.name()).add(d.customerType()).add(d.valueTier())
                    .add(d.loyaltyStatus()).add(d.settlement()).add(d.creditTerms())
                    .add(d.creditLimit() == null ? null : d.creditLimit().toPlainString()).add(d.lifecycleStage())
                    .add(d.relationshipLevel()).add(d.industry()).add(d.occupation()).add(d.birthDate())
                    .add(d.gender()).add(d.province()).add(d.city()).add(d.district()).add(d.address())
                    .add(d.source()).array(d.tags()).add(d.phone()).add(d.email()).add(d.idNumber()).add(d.notes())
                    .add(json.writeValueAsString(d.customFields())).add(r.ownerId()).add(r.teamId())
                    .add(r.externalId()).add(PinyinNameKey.of(d.name())).end();
        }
        Connection connection = DataSourceUtils.getConnection(dataSource);
        try {
            connection.unwrap(PGConnection.class).getCopyAPI().copyIn(COPY, new StringReader(text.toString()));
        } catch (SQLException | IOException e) {
            throw new IllegalStateException("Bulk insert of customers failed: " + e.getMessage(), e);
        } finally {
            DataSourceUtils.releaseConnection(connection, dataSource);
        }
    }

    /** One row in PostgreSQL's COPY text format: tab-separated, \N for null, backslash escapes. */
    private record CopyRow(StringBuilder out) {

        CopyRow add(Object value) {
            if (value == null) {
                out.append("\\N");
            } else {
                String s = value instanceof Enum<?> e ? e.name() : value.toString();
                for (int i = 0; i < s.length(); i++) {
                    char c = s.charAt(i);
                    switch (c) {
                        case '\\' -> out.append("\\\\");
                        case '\t' -> out.append("\\t");
                        case '\n' -> out.append("\\n");
                        case '\r' -> out.append("\\r");
                        default -> out.append(c);
                    }
                }
            }
            out.append('\t');
            return this;
        }

        /** A text[] literal with every element quoted. */
        CopyRow array(List<String> values) {
            StringBuilder literal = new StringBuilder("{");
            for (String v : values) {
                if (literal.length() > 1) {
                    literal.append(',');
                }
                literal.append('"').append(v.replace("\\", "\\\\").replace("\"", "\\\"")).append('"');
            }
            return add(literal.append('}').toString());
        }

        void end() {
            out.setCharAt(out.length() - 1, '\n');
        }
    }

    /** @return per change whether it applied (false: changed meanwhile) */
    boolean[] updateAll(List<Change> changes) {
        int[] counts = changes.isEmpty() ? new int[0] : streaming.batchUpdate(UPDATE, changes.stream()
                .map(c -> new MapSqlParameterSource(updateParams(c.id(), c.expectedVersion(), c.data(), c.ownerId(),
                        c.teamId()))).toArray(MapSqlParameterSource[]::new));
        return applied(counts);
    }

    /** Soft-deletes many (id → expected version); per entry whether it applied. */
    boolean[] markDeletedAll(List<Map.Entry<Long, Integer>> idVersions) {
        if (idVersions.isEmpty()) {
            return new boolean[0];
        }
        Set<Long> done = new HashSet<>(jdbc.sql("""
                        UPDATE customers c SET deleted_at = now(), version = c.version + 1, updated_at = now()
                        FROM unnest(CAST(? AS bigint[]), CAST(? AS int[])) AS u (id, version)
                        WHERE c.id = u.id AND c.version = u.version AND c.deleted_at IS NULL RETURNING c.id""")
                .params(idVersions.stream().map(Map.Entry::getKey).toArray(Long[]::new),
                        idVersions.stream().map(Map.Entry::getValue).toArray(Integer[]::new))
                .query(Long.class).list());
        boolean[] ok = new boolean[idVersions.size()];
        for (int i = 0; i < ok.length; i++) {
            ok[i] = done.contains(idVersions.get(i).getKey());
        }
        return ok;
    }

    private static boolean[] applied(int[] counts) {
        boolean[] ok = new boolean[counts.length];
        for (int i = 0; i < counts.length; i++) {
            // the driver may report SUCCESS_NO_INFO (-2) for batched statements
            ok[i] = counts[i] == 1 || counts[i] == java.sql.Statement.SUCCESS_NO_INFO;
        }
        return ok;
    }

    /** Live customers the user sees whose key (digits of the phone, lower-case e-mail or external id) is given. */
    Map<String, CustomerRecord> findByKey(String keyColumn, Collection<String> keys, CurrentUser user) {
        String expression = switch (keyColumn) {
            case "phone" -> "regexp_replace(phone, '\\D', '', 'g')";
            case "email" -> "lower(email)";
            case "external_id" -> "external_id";
            default -> throw new IllegalArgumentException(keyColumn);
        };
        Map<String, CustomerRecord> found = new LinkedHashMap<>();
        if (keys.isEmpty()) {
            return found;
        }
        Filter f = new Filter();
        f.visibleTo(user);
        f.add("deleted_at IS NULL AND " + expression + " IN (:keys)", "keys", keys);
        jdbc.sql("SELECT " + COLUMNS + ", " + expression + " AS match_key FROM customers WHERE " + f.where()
                        + " ORDER BY id")
                .params(f.params).query((RowCallbackHandler) rs -> found.putIfAbsent(rs.getString("match_key"),
                        map(rs, 0)));
        return found;
    }

    /** Merged customer id → the id of the customer it was merged into, for those of the ids that were merged. */
    Map<Long, Long> survivors(Collection<Long> ids) {
        Map<Long, Long> survivors = new HashMap<>();
        if (!ids.isEmpty()) {
            jdbc.sql("SELECT alias_id, customer_id FROM customer_aliases WHERE alias_id IN (:ids)").param("ids", ids)
                    .query((RowCallbackHandler) rs -> survivors.put(rs.getLong(1), rs.getLong(2)));
        }
        return survivors;
    }

    /** The customers with these ids that the user sees, deleted ones included. */
    Map<Long, CustomerRecord> findAll(Collection<Long> ids, CurrentUser user) {
        Map<Long, CustomerRecord> found = new HashMap<>();
        if (ids.isEmpty()) {
            return found;
        }
        Filter f = new Filter();
        f.visibleTo(user);
        f.add("id IN (:ids)", "ids", ids);
        jdbc.sql("SELECT " + COLUMNS + " FROM customers WHERE " + f.where()).params(f.params)
                .query((RowCallbackHandler) rs -> found.put(rs.getLong("id"), map(rs, 0)));
        return found;
    }

    boolean markDeleted(long id, int expectedVersion, boolean deleted) {
        return jdbc.sql("""
                        UPDATE customers SET deleted_at = CASE WHEN :deleted THEN now() END, version = version + 1,
                          updated_at = now()
                        WHERE id = :id AND version = :version AND (deleted_at IS NULL) = :deleted""")
                .param("deleted", deleted).param("id", id).param("version", expectedVersion).update() == 1;
    }

    private record Visible(long id, CurrentUser.SqlCondition visible) {
    }

    private final ReadOnlyTransactionMemo<Visible, Optional<CustomerRecord>> found =
            new ReadOnlyTransactionMemo<>("visible-customers");

    /**
     * The customer when it exists and the user may see it (deleted ones included); read once per read-only
     * transaction (the 360 page asked for it four times).
     */
    Optional<CustomerRecord> find(long id, CurrentUser user) {
        return found.get(new Visible(id, user.visibility("owner_id", "team_id")), () -> findNow(id, user));
    }

    private Optional<CustomerRecord> findNow(long id, CurrentUser user) {
        Filter f = new Filter();
        f.visibleTo(user);
        // the id of a customer merged into another resolves to the survivor (customer_aliases)
        f.add("id = coalesce((SELECT customer_id FROM customer_aliases WHERE alias_id = :id), :id)", "id", id);
        return jdbc.sql("SELECT " + COLUMNS + " FROM customers WHERE " + f.where())
                .params(f.params).query(this::map).optional();
    }

    /** Live customers visible to the user whose phone digits, e-mail or name pattern match; at most {@code limit}. */
    List<CustomerRecord> candidates(List<String> phoneDigits, String email, String namePattern, CurrentUser user,
                                    int limit) {
        Filter f = new Filter();
        f.visibleTo(user);
        f.conditions.add("deleted_at IS NULL");
        List<String> any = new ArrayList<>();
        if (!phoneDigits.isEmpty()) {
            any.add("regexp_replace(phone, '\\D', '', 'g') IN (:digits)");
            f.params.put("digits", phoneDigits);
        }
        if (email != null) {
            any.add("lower(email) = :email");
            f.params.put("email", email);
        }
        if (namePattern != null) {
            any.add("name ILIKE :namePattern");
            f.params.put("namePattern", "%" + Filter.escapeLike(namePattern) + "%");
        }
        if (any.isEmpty()) {
            return List.of();
        }
        f.conditions.add("(" + String.join(" OR ", any) + ")");
        return jdbc.sql("SELECT " + COLUMNS + " FROM customers WHERE " + f.where() + " ORDER BY id LIMIT " + limit)
                .params(f.params).query(this::map).list();
    }

    Map<Long, String> names(java.util.Collection<Long> ids) {
        Map<Long, String> names = new java.util.HashMap<>();
        if (!ids.isEmpty()) {
            jdbc.sql("SELECT id, name FROM customers WHERE id IN (:ids)").param("ids", java.util.Set.copyOf(ids))
                    .query(rs -> { names.put(rs.getLong(1), rs.getString(2)); });
        }
        return names;
    }

    /** Generic plans may be reused for the rest of the current transaction ({@link GenericPlans}). */
    void reuseGenericPlans() {
        GenericPlans.forThisTransaction(jdbc);
    }

    /** E-mail addresses of the given live customers that have one. */
    Map<Long, String> emails(java.util.Collection<Long> ids) {
        Map<Long, String> emails = new java.util.HashMap<>();
        if (!ids.isEmpty()) {
            jdbc.sql("SELECT id, email FROM customers WHERE id IN (:ids) AND email IS NOT NULL AND email <> '' "
                            + "AND deleted_at IS NULL")
                    .param("ids", java.util.Set.copyOf(ids))
                    .query(rs -> { emails.put(rs.getLong(1), rs.getString(2)); });
        }
        return emails;
    }

    /**
     * One page of customers. {@code countTotal} adds the capped count of all matches (a second query) unless the
     * first page already holds them all; without it the total is {@link PageResult#UNKNOWN} on fuller pages. With
     * {@code after} the page starts after that cursor (keyset), {@code page} is 1 and nothing is counted. A page with
     * more after it carries the cursor of its last row.
     */
    PageResult<CustomerRecord> search(CustomerQuery q, CurrentUser user, CustomerSort sort, int page, int size,
                                      boolean countTotal, CustomerCursor after) {
        Filter f = Filter.of(q, user);
        int offset = (page - 1) * size;
        boolean byName = !q.showDeleted() && (sort == CustomerSort.NAME || sort == CustomerSort.NAME_DESC);
        boolean searching = !q.showDeleted() && f.searched;
        boolean counting = countTotal && after == null;
        long expected = counting || byName || searching ? estimate(f) : -1;
        String order = q.showDeleted() ? "deleted_at DESC, id DESC" : sort.sql;
        Map<String, Object> params = new LinkedHashMap<>(f.params);
        String where = f.where();
        if (after != null) {
            where += " AND " + after.condition();
            params.putAll(after.params());
        }
        String matches = "SELECT " + COLUMNS + " FROM customers WHERE " + where;
        // In name order, or for a name substring search, the planner may walk the sort index and test every customer it passes;
        // for a few thousand matches spread over that order (VIP in 浙江省: 33,000 visits for 50 rows; "wang": the
        // trigram estimate is 6 times too high, so 33,000 visits for 50 rows) finding the matches through the filter
        // and search indexes and sorting them is many times cheaper. OFFSET 0 keeps the subquery a subquery.
        boolean sortMatches = (byName || searching) && expected < SORT_MATCHES_BELOW;
        // Sorting the matches reads every one of them anyway, so where the total would be counted by a second scan
        // of the same rows, the sort's input counts them (VIP in 浙江省: 46 → 24 ms).
        boolean countWhileSorting = sortMatches && counting && expected <= ESTIMATE_TRUSTED_ABOVE;
        String sql = sortMatches
                ? "SELECT *" + (countWhileSorting ? ", count(*) OVER () AS all_matches" : "") + " FROM (" + matches
                        + " OFFSET 0) m ORDER BY " + order
                : matches + " ORDER BY " + order;
        long[] counted = {-1};
        List<CustomerRecord> rows = new ArrayList<>(jdbc.sql(sql + " LIMIT " + (size + 1) + " OFFSET " + offset)
                .params(params).query((rs, n) -> {
                    if (countWhileSorting) {
                        counted[0] = rs.getLong("all_matches");
                    }
                    return map(rs, n);
                }).list());
        boolean hasNext = rows.size() > size;
        if (hasNext) {
            rows.remove(size);
        }
        String next = hasNext ? CustomerCursor.after(rows.get(size - 1), CustomerCursor.Order.of(sort, q.showDeleted()))
                .encode() : null;
        if (page == 1 && !hasNext && after == null) {
            return new PageResult<>(rows, page, size, false, rows.size(), false);
        }
        if (!counting) {
            return new PageResult<>(rows, page, size, hasNext, PageResult.UNKNOWN, false, next);
        }
        long total = counted[0] >= 0 ? counted[0] : count(f, expected);
        return new PageResult<>(rows, page, size, hasNext, Math.min(total, PageResult.COUNT_CAP),
                total > PageResult.COUNT_CAP, next);
    }

    /** Expected matches below which a name-ordered list sorts the matches instead of walking the name index. */
    static final long SORT_MATCHES_BELOW = 20_000;

    /** Matches of the filters, counted up to {@link PageResult#COUNT_CAP} + 1. */
    long count(CustomerQuery q, CurrentUser user) {
        Filter f = Filter.of(q, user);
        return count(f, estimate(f));
    }

    /**
     * Counting 10,001 matches costs as much as the page itself (each match is a heap visit), so where the planner
     * expects well over the cap the list says "more than 10,000" from that estimate without counting; fewer
     * expected matches are counted exactly (see docs/decisions/0014-estimated-counts-and-embedded-server-settings.md).
     */
    private long count(Filter f, long expected) {
        if (expected > ESTIMATE_TRUSTED_ABOVE) {
            return PageResult.COUNT_CAP + 1;
        }
        return jdbc.sql("SELECT count(*) FROM (SELECT 1 FROM customers WHERE " + f.where() + " LIMIT "
                + (PageResult.COUNT_CAP + 1) + ") capped").params(f.params).query(Long.class).single();
    }

    /** Estimated matches above which the capped count is taken from the planner: 1.5 times the cap. */
    static final long ESTIMATE_TRUSTED_ABOVE = PageResult.COUNT_CAP * 3L / 2;

    private static final java.util.regex.Pattern PLAN_ROWS = java.util.regex.Pattern.compile("\"Plan Rows\": (\\d+)");

    /** The planner's estimate of the rows matching the filter (EXPLAIN, nothing executed). */
    long estimate(Filter f) {
        String plan = jdbc.sql("EXPLAIN (FORMAT JSON) SELECT 1 FROM customers WHERE " + f.estimated())
                .params(f.params).query(String.class).single();
        java.util.regex.Matcher m = PLAN_ROWS.matcher(plan);
        return m.find() ? Long.parseLong(m.group(1)) : 0;
    }

    /**
     * Every customer matching the list filters, one at a time, read through a cursor. Call inside a transaction:
     * without one the PostgreSQL driver ignores the fetch size and loads the whole result.
     */
    void stream(CustomerQuery q, CurrentUser user, CustomerSort sort, Consumer<CustomerRecord> sink) {
        Filter f = Filter.of(q, user);
        int[] n = {0};
        streaming.query("SELECT " + COLUMNS + " FROM customers WHERE " + f.where()
                        + " ORDER BY " + (q.showDeleted() ? "deleted_at DESC, id DESC" : sort.sql),
                new MapSqlParameterSource(f.params), (RowCallbackHandler) rs -> sink.accept(map(rs, n[0]++)));
    }

    private Map<String, Object> params(CustomerData d, long ownerId, Long teamId) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("kind", d.kind().name());
        p.put("name", d.name());
        p.put("nameKey", PinyinNameKey.of(d.name()));
        p.put("customerType", d.customerType().name());
        p.put("valueTier", name(d.valueTier()));
        p.put("loyaltyStatus", name(d.loyaltyStatus()));
        p.put("settlement", d.settlement().name());
        p.put("creditTerms", name(d.creditTerms()));
        p.put("creditLimit", d.creditLimit());
        p.put("lifecycleStage", name(d.lifecycleStage()));
        p.put("relationshipLevel", name(d.relationshipLevel()));
        p.put("industry", d.industry());
        p.put("occupation", d.occupation());
        p.put("birthDate", d.birthDate() == null ? null : Date.valueOf(d.birthDate()));
        p.put("gender", name(d.gender()));
        p.put("province", d.province());
        p.put("city", d.city());
        p.put("district", d.district());
        p.put("address", d.address());
        p.put("source", d.source());
        p.put("tags", d.tags().toArray(String[]::new));
        p.put("phone", d.phone());
        p.put("email", d.email());
        p.put("idNumber", d.idNumber());
        p.put("notes", d.notes());
        p.put("customFields", json.writeValueAsString(d.customFields()));
        p.put("ownerId", ownerId);
        p.put("teamId", teamId);
        return p;
    }

    private CustomerRecord map(ResultSet rs, int n) throws SQLException {
        Array tags = rs.getArray("tags");
        java.time.LocalDate birth = rs.getObject("birth_date", java.time.LocalDate.class);
        CustomerData d = new CustomerData(
                CustomerKind.valueOf(rs.getString("kind")), rs.getString("name"),
                CustomerType.valueOf(rs.getString("customer_type")),
                value(ValueTier.class, rs.getString("value_tier")),
                value(LoyaltyStatus.class, rs.getString("loyalty_status")),
                Settlement.valueOf(rs.getString("settlement")),
                value(CreditTerms.class, rs.getString("credit_terms")), rs.getBigDecimal("credit_limit"),
                value(LifecycleStage.class, rs.getString("lifecycle_stage")),
                value(RelationshipLevel.class, rs.getString("relationship_level")),
                rs.getString("industry"), rs.getString("occupation"), birth,
                value(Gender.class, rs.getString("gender")), rs.getString("province"), rs.getString("city"),
                rs.getString("district"), rs.getString("address"), rs.getString("source"),
                tags == null ? List.of() : Arrays.asList((String[]) tags.getArray()),
                rs.getString("phone"), rs.getString("email"), rs.getString("id_number"), rs.getString("notes"),
                customFields(rs.getString("custom_fields")),
                rs.getLong("owner_id"));
        return new CustomerRecord(rs.getLong("id"), d, rs.getLong("owner_id"), (Long) rs.getObject("team_id"),
                rs.getInt("version"), instant(rs, "created_at"), instant(rs, "updated_at"), instant(rs, "deleted_at"));
    }

    private static String name(Enum<?> e) {
        return e == null ? null : e.name();
    }

    private static <E extends Enum<E>> E value(Class<E> type, String s) {
        return s == null ? null : Enum.valueOf(type, s);
    }

    /** Most customers have no custom fields: "{}" needs no JSON parser (a parser per row was 10 % of a list). */
    private Map<String, Object> customFields(String text) {
        return text == null || text.equals("{}") ? Map.of()
                : json.readValue(text, new TypeReference<Map<String, Object>>() { });
    }

    /** A timestamptz read without the driver's calendar arithmetic of {@link ResultSet#getTimestamp}. */
    private static Instant instant(ResultSet rs, String column) throws SQLException {
        java.time.OffsetDateTime t = rs.getObject(column, java.time.OffsetDateTime.class);
        return t == null ? null : t.toInstant();
    }

    /** A WHERE clause built from fixed SQL fragments and named parameters: user input is never concatenated. */
    static final class Filter {
        final List<String> conditions = new ArrayList<>();
        /** Conditions implied by {@link #conditions} that only make testing a row cheaper: not for estimates. */
        final List<String> rechecks = new ArrayList<>();
        final Map<String, Object> params = new LinkedHashMap<>();
        /** Whether the filter has a substring search of the name by trigrams (not a phone number). */
        boolean searched;

        static Filter of(CustomerQuery q, CurrentUser user) {
            Filter f = new Filter();
            f.visibleTo(user);
            f.conditions.add(q.showDeleted() ? "deleted_at IS NOT NULL" : "deleted_at IS NULL");
            if (q.q() != null && !q.q().isBlank()) {
                String text = q.q().strip();
                String digits = text.replaceAll("[\\s()\\-+]", "");
                List<String> any = new ArrayList<>();
                if (text.codePointCount(0, text.length()) <= 2 && text.chars().noneMatch(Character::isWhitespace)) {
                    // one or two characters: no trigram exists, the character-pair index answers (V1_4); it holds
                    // every character and pair of the lower-cased name, so containment is the match itself. But
                    // guanxi_grams costs about 8 µs a name (64 µs before V9_8), so wherever PostgreSQL tests rows
                    // instead of reading the index (walking the newest-first index for 王: 800 rows) strpos, the same
                    // test at 1 µs, goes first. It is left out of the estimate, where it would make the planner expect
                    // a third.
                    any.add("guanxi_grams(name) @> ARRAY[CAST(:gram AS text)]");
                    f.params.put("gram", text.toLowerCase(Locale.ROOT));
                    f.rechecks.add("strpos(lower(name), :gram) > 0");
                } else {
                    any.add("name ILIKE :nameLike");
                    f.params.put("nameLike", "%" + escapeLike(text) + "%");
                }
                boolean phoneNumber = digits.length() >= 3 && digits.chars().allMatch(Character::isDigit);
                if (phoneNumber) {
                    any.add("regexp_replace(phone, '\\D', '', 'g') LIKE :phoneLike");
                    f.params.put("phoneLike", escapeLike(digits) + "%");
                }
                if (text.contains("@") || text.length() >= 3) {
                    any.add("lower(email) LIKE :emailLike");
                    f.params.put("emailLike", escapeLike(text.toLowerCase()) + "%");
                }
                f.conditions.add("(" + String.join(" OR ", any) + ")");
                // the trigram estimate of a substring is several times too high ("wang": 9,488 expected, 1,541
                // found), and ILIKE costs a few µs a row, so such searches sort their matches (see search)
                f.searched = f.params.containsKey("nameLike") && !phoneNumber;
            }
            f.eq("kind", q.kind());
            f.eq("customer_type", q.customerType());
            f.eq("value_tier", q.valueTier());
            f.eq("loyalty_status", q.loyaltyStatus());
            f.eq("settlement", q.settlement());
            f.eq("lifecycle_stage", q.lifecycleStage());
            f.eq("relationship_level", q.relationshipLevel());
            f.eq("gender", q.gender());
            f.eq("industry", q.industry());
            f.eq("occupation", q.occupation());
            f.eq("province", q.province());
            f.eq("city", q.city());
            f.eq("district", q.district());
            f.eq("source", q.source());
            f.eq("owner_id", q.ownerId());
            f.eq("team_id", q.teamId());
            if (q.tag() != null && !q.tag().isBlank()) {
                f.add("tags @> ARRAY[CAST(:tag AS text)]", "tag", q.tag().strip());
            }
            return f;
        }

        void visibleTo(CurrentUser user) {
            CurrentUser.SqlCondition visible = user.visibility("owner_id", "team_id");
            conditions.add(visible.sql());
            params.putAll(visible.params());
        }

        void add(String condition, String param, Object value) {
            conditions.add(condition);
            params.put(param, value);
        }

        private void eq(String column, Object value) {
            if (value == null || (value instanceof String s && s.isBlank())) {
                return;
            }
            String param = "f_" + column;
            add(column + " = :" + param, param,
                    value instanceof Enum<?> e ? e.name() : value instanceof String s ? s.strip() : value);
        }

        String where() {
            List<String> all = new ArrayList<>(rechecks);
            all.addAll(conditions);
            return all.isEmpty() ? "TRUE" : String.join(" AND ", all);
        }

        /** The conditions without the rechecks, for the planner's estimate of the matches. */
        String estimated() {
            return conditions.isEmpty() ? "TRUE" : String.join(" AND ", conditions);
        }

        static String escapeLike(String s) {
            return s.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
        }
    }
}
