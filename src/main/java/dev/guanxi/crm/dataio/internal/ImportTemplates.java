package dev.guanxi.crm.dataio.internal;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Saved column mappings of imports, per entity. */
@Repository
class ImportTemplates {

    private static final String COLUMNS = """
            id, entity, name, mapping::text AS mapping, mode, match_key, created_by, created_by_name, created_at""";

    private final JdbcClient jdbc;
    private final JsonMapper json;

    ImportTemplates(JdbcClient jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    /** Inserts the template; empty when the entity already has a template of that name (in any case). */
    Optional<Long> create(ImportEntity entity, String name, Map<String, String> mapping, String mode, String matchKey,
                          long createdBy, String createdByName) {
        return jdbc.sql("""
                        INSERT INTO import_templates (entity, name, mapping, mode, match_key, created_by, created_by_name)
                        VALUES (?, ?, CAST(? AS jsonb), ?, ?, ?, ?)
                        ON CONFLICT (entity, lower(name)) DO NOTHING RETURNING id""")
                .params(entity.name(), name, json.writeValueAsString(mapping), mode, matchKey, createdBy, createdByName)
                .query(Long.class).optional();
    }

    Optional<MappingTemplate> find(long id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM import_templates WHERE id = ?").param(id).query(this::map)
                .optional();
    }

    Optional<MappingTemplate> findByName(ImportEntity entity, String name) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM import_templates WHERE entity = ? AND lower(name) = lower(?)")
                .params(entity.name(), name).query(this::map).optional();
    }

    /** The entity's templates by name; an entity has a handful, not thousands. */
    List<MappingTemplate> of(ImportEntity entity) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM import_templates WHERE entity = ? ORDER BY lower(name), id")
                .param(entity.name()).query(this::map).list();
    }

    boolean delete(long id) {
        return jdbc.sql("DELETE FROM import_templates WHERE id = ?").param(id).update() == 1;
    }

    private MappingTemplate map(ResultSet rs, int row) throws SQLException {
        Map<String, String> mapping = json.readValue(rs.getString("mapping"),
                new TypeReference<LinkedHashMap<String, String>>() {
                });
        return new MappingTemplate(rs.getLong("id"), ImportEntity.valueOf(rs.getString("entity")), rs.getString("name"),
                mapping, rs.getString("mode"), rs.getString("match_key"), rs.getLong("created_by"),
                rs.getString("created_by_name"), rs.getTimestamp("created_at").toInstant());
    }
}
