package dev.guanxi.crm.dataio.internal;

import dev.guanxi.crm.audit.AuditAction;
import dev.guanxi.crm.audit.AuditTrail;
import dev.guanxi.crm.audit.AuditTrail.Change;
import dev.guanxi.crm.common.ConflictException;
import dev.guanxi.crm.common.FieldProblem;
import dev.guanxi.crm.common.ImportTarget;
import dev.guanxi.crm.common.ImportTarget.Mode;
import dev.guanxi.crm.common.InvalidInputException;
import dev.guanxi.crm.common.NotFoundException;
import dev.guanxi.crm.identity.CurrentUser;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Column mappings saved as templates, reused by later imports of the same entity. Whoever may import an entity may
 * list, apply, save and delete its templates.
 */
@Service
public class MappingTemplates {

    static final int NAME_LENGTH = 100;
    private static final String AUDIT_TYPE = "ImportTemplate";

    private final ImportTemplates templates;
    private final AuditTrail audit;
    private final Map<ImportEntity, ImportTarget> targets = new EnumMap<>(ImportEntity.class);

    MappingTemplates(ImportTemplates templates, AuditTrail audit, List<ImportTarget> targets) {
        this.templates = templates;
        this.audit = audit;
        for (ImportEntity entity : ImportEntity.values()) {
            targets.stream().filter(entity.target()::isInstance).findFirst().ifPresent(t -> this.targets.put(entity, t));
        }
    }

    private ImportTarget allowed(ImportEntity entity) {
        ImportTarget target = targets.get(entity);
        if (target == null) {
            throw new IllegalStateException("No import target for " + entity);
        }
        target.checkAllowed();
        return target;
    }

    /** The entity's templates by name. */
    public List<MappingTemplate> list(ImportEntity entity) {
        allowed(entity);
        return templates.of(entity);
    }

    /** The templates of every entity the signed-in user may import, by entity and name. */
    public List<MappingTemplate> listAllowed() {
        List<MappingTemplate> all = new ArrayList<>();
        for (ImportEntity entity : targets.keySet()) {
            try {
                all.addAll(list(entity));
            } catch (org.springframework.security.access.AccessDeniedException e) {
                // this user may not import the entity, so its templates are not theirs to see
            }
        }
        return all;
    }

    /** The entity's template with this id, or else with this name in any case; empty when it has none. */
    public Optional<MappingTemplate> find(ImportEntity entity, String idOrName) {
        allowed(entity);
        if (idOrName == null || idOrName.isBlank()) {
            return Optional.empty();
        }
        String ref = idOrName.strip();
        if (ref.chars().allMatch(Character::isDigit) && ref.length() < 19) {
            Optional<MappingTemplate> byId = templates.find(Long.parseLong(ref)).filter(t -> t.entity() == entity);
            if (byId.isPresent()) {
                return byId;
            }
        }
        return templates.findByName(entity, ref);
    }

    /** A template of an entity the signed-in user may import. */
    public MappingTemplate get(long id) {
        MappingTemplate template = templates.find(id).orElseThrow(() -> new NotFoundException("Import template", id));
        allowed(template.entity());
        return template;
    }

    /** The newest template of the entity whose column titles are the file's, in any order. */
    public Optional<MappingTemplate> matching(ImportEntity entity, List<String> header) {
        return templates.of(entity).stream().filter(t -> t.matches(header))
                .max(Comparator.comparingLong(MappingTemplate::id));
    }

    /**
     * Saves a mapping as a template of the entity.
     *
     * @param mapping  column title → field of the entity, null or blank for an ignored column
     * @param mode     CREATE_ONLY, UPSERT or null
     * @param matchKey one of the entity's match keys, NONE or null
     * @throws InvalidInputException when the name is blank or too long, the mapping maps no column, names a field the
     *                               entity does not have or a field twice, or the mode or key is unknown
     * @throws ConflictException     when the entity has a template of that name (in any case)
     */
    @Transactional
    public MappingTemplate create(ImportEntity entity, String name, Map<String, String> mapping, String mode,
                                  String matchKey) {
        ImportTarget target = allowed(entity);
        List<FieldProblem> problems = new ArrayList<>();
        String cleanName = name == null ? "" : name.strip();
        if (cleanName.isEmpty()) {
            problems.add(new FieldProblem("name", "validation.import-template-name-empty"));
        } else if (cleanName.length() > NAME_LENGTH) {
            problems.add(new FieldProblem("name", "validation.import-template-name-long"));
        }
        Map<String, String> clean = new LinkedHashMap<>();
        Set<String> titles = new HashSet<>();
        boolean blankTitle = false;
        boolean titleTwice = false;
        for (Map.Entry<String, String> e : (mapping == null ? Map.<String, String>of() : mapping).entrySet()) {
            String title = e.getKey() == null ? "" : e.getKey().strip();
            if (title.isEmpty()) {
                blankTitle = true;
            } else if (!titles.add(MappingTemplate.title(title))) {
                titleTwice = true;
            }
            // "" rather than null: the JSON mapper leaves out nulls, and the template must keep the ignored titles
            clean.put(title, e.getValue() == null || e.getValue().isBlank() ? MappingTemplate.IGNORED
                    : e.getValue().strip());
        }
        List<String> fields = clean.values().stream().filter(f -> !f.isEmpty()).toList();
        if (fields.isEmpty()) {
            problems.add(new FieldProblem("mapping", "validation.import-template-mapping-empty"));
        }
        if (blankTitle) {
            problems.add(new FieldProblem("mapping", "validation.import-template-title-blank"));
        }
        if (titleTwice) {
            problems.add(new FieldProblem("mapping", "validation.import-template-title-twice"));
        }
        if (!target.fields().containsAll(fields)) {
            problems.add(new FieldProblem("mapping", "validation.import-mapping-unknown"));
        }
        if (fields.stream().distinct().count() != fields.size()) {
            problems.add(new FieldProblem("mapping", "validation.import-mapping-twice"));
        }
        String cleanMode = null;
        if (mode != null && !mode.isBlank()) {
            try {
                cleanMode = Importer.choice(Mode.class, mode, "mode").name();
            } catch (InvalidInputException e) {
                problems.addAll(e.problems());
            }
        }
        String key = matchKey == null || matchKey.isBlank() ? null : matchKey.strip().toUpperCase(Locale.ROOT);
        if (key != null && !ImportTarget.NO_KEY.equals(key) && !target.matchKeys().containsKey(key)) {
            problems.add(new FieldProblem("matchKey", "validation.import-choice"));
        }
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems);
        }
        CurrentUser user = CurrentUser.get();
        long id = templates.create(entity, cleanName, clean, cleanMode, key, user.id(), user.displayName())
                .orElseThrow(() -> new ConflictException("The " + entity.name().toLowerCase(Locale.ROOT)
                        + " imports already have a template named \"" + cleanName + "\"."));
        Map<String, Change> changes = new LinkedHashMap<>();
        changes.put("entity", new Change(null, entity.name()));
        changes.put("name", new Change(null, cleanName));
        changes.put("mapping", new Change(null, clean.toString()));
        audit.record(AUDIT_TYPE, id, AuditAction.CREATE, changes, "Import template \"" + cleanName + "\" saved");
        return templates.find(id).orElseThrow();
    }

    /** Deletes a template; unknown ids and templates of entities the user may not import are not found. */
    @Transactional
    public void delete(long id) {
        MappingTemplate template = templates.find(id).orElseThrow(() -> new NotFoundException("Import template", id));
        allowed(template.entity());
        if (!templates.delete(id)) {
            throw new NotFoundException("Import template", id);
        }
        Map<String, Change> changes = new LinkedHashMap<>();
        changes.put("entity", new Change(template.entity().name(), null));
        changes.put("name", new Change(template.name(), null));
        changes.put("mapping", new Change(template.mapping().toString(), null));
        audit.record(AUDIT_TYPE, id, AuditAction.DELETE, changes,
                "Import template \"" + template.name() + "\" deleted");
    }
}
