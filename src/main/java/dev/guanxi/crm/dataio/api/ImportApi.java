package dev.guanxi.crm.dataio.api;

import dev.guanxi.crm.common.ImportTarget;
import dev.guanxi.crm.common.ImportTarget.Mode;
import dev.guanxi.crm.common.InvalidInputException;
import dev.guanxi.crm.dataio.internal.ImportEntity;
import dev.guanxi.crm.dataio.internal.ImportJob;
import dev.guanxi.crm.dataio.internal.Importer;
import dev.guanxi.crm.dataio.internal.MappingTemplate;
import dev.guanxi.crm.dataio.internal.MappingTemplates;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Imports for programs (customers, contacts, products, leads): upload, start with a column mapping, follow, fetch
 * rejected rows, undo.
 */
@RestController
@RequestMapping("/api/v1/imports")
@Tag(name = "Imports")
class ImportApi {

    private final Importer importer;
    private final MappingTemplates templates;

    ImportApi(Importer importer, MappingTemplates templates) {
        this.importer = importer;
        this.templates = templates;
    }

    /** An import as the API shows it. */
    record ImportView(long id, String entity, String status, String fileName, String format, String encoding, String mode,
                      String matchKey, List<String> columns, Long totalRows, long rowsRead, long lastLine,
                      long created, long updated, long unchanged, long rejected, long undone, long skippedUndo,
                      long rowsPerSecond, int percent, String failure, Instant createdAt, Instant startedAt,
                      Instant finishedAt, String duplicateCheck) {

        /**
         * @param followUp {@code duplicateCheck}: RUNNING while the imported customers are still checked for
         *                 duplicates by the name rules (the pairs reach the review queue then), DONE after; null for
         *                 other records or before the import has written anything
         */
        static ImportView of(ImportJob j, ImportTarget.FollowUp followUp) {
            return new ImportView(j.id(), j.entity().name(), j.status().name(), j.fileName(), j.format(), j.encoding(), j.mode(),
                    j.matchKey(), j.mapping(), j.totalRows(), j.rowsRead(), j.lastLine(), j.created(), j.updated(),
                    j.unchanged(), j.errors(), j.undone(), j.skippedUndo(), j.rowsPerSecond(), j.percent(),
                    j.failure(), j.createdAt(), j.startedAt(), j.finishedAt(),
                    followUp == ImportTarget.FollowUp.NONE ? null : followUp.name());
        }
    }

    private ImportView view(long id) {
        ImportJob job = importer.get(id);
        return ImportView.of(job, importer.followUp(job));
    }

    record Uploaded(ImportView job, Importer.Preview preview, List<String> fields, List<String> matchKeys) {
    }

    /**
     * @param columns per column of the file the field it holds (one of the upload's {@code fields}), null or "" to
     *                ignore it
     */
    record StartRequest(List<String> columns, String mode, String matchKey) {
    }

    /** A saved column mapping as the API shows it. */
    record TemplateView(long id, String entity, String name, Map<String, String> mapping, String mode, String matchKey,
                        String createdBy, Instant createdAt) {

        static TemplateView of(MappingTemplate t) {
            return new TemplateView(t.id(), t.entity().name(), t.name(), t.mapping(), t.mode(), t.matchKey(),
                    t.createdByName(), t.createdAt());
        }
    }

    /**
     * @param mapping  column title → field of the entity (null or "" for a column to ignore)
     * @param mode     optional: CREATE_ONLY or UPSERT
     * @param matchKey optional: NONE or one of the entity's match keys
     */
    record TemplateRequest(String entity, String name, Map<String, String> mapping, String mode, String matchKey) {
    }

    @PostMapping(consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    @Operation(summary = "Upload a CSV (UTF-8, UTF-8 with BOM, GBK) or .xlsx file of customers, contacts, products "
            + "or leads (entity, default customers): returns the draft import, the first rows, the suggested field "
            + "per column, and the entity's fields and match keys. The suggestion comes from the template (id or "
            + "name) given, else from the newest template with the file's column titles, else from the titles")
    ResponseEntity<Uploaded> upload(@RequestPart("file") MultipartFile file,
                                    @RequestParam(name = "entity", defaultValue = "customers") String entity,
                                    @RequestParam(name = "template", required = false) String template)
            throws IOException {
        ImportEntity kind = ImportEntity.parse(entity, "entity");
        if (file.isEmpty()) {
            throw new InvalidInputException("file", "validation.import-file-empty");
        }
        if (template != null && !template.isBlank() && templates.find(kind, template).isEmpty()) {
            throw new InvalidInputException("template", "validation.import-template-unknown");
        }
        long id;
        try (InputStream in = file.getInputStream()) {
            id = importer.upload(kind, file.getOriginalFilename(), in, LocaleContextHolder.getLocale());
        }
        return ResponseEntity.created(ServletUriComponentsBuilder.fromCurrentRequestUri().path("/{id}").build(id))
                .body(new Uploaded(view(id), importer.preview(id, template),
                        importer.target(kind).fields(), List.copyOf(importer.target(kind).matchKeys().keySet())));
    }

    @PostMapping("/{id}/start")
    @Operation(summary = "Start a draft import in the background with a column mapping, mode "
            + "(CREATE_ONLY or UPSERT) and match key (NONE or one of the entity's keys: customers PHONE, EMAIL, "
            + "EXTERNAL_ID; contacts PHONE, EMAIL; products SKU; leads PHONE, EMAIL)")
    ResponseEntity<ImportView> start(@PathVariable long id, @RequestBody StartRequest request) throws IOException {
        importer.start(id, request.columns() == null ? List.of() : request.columns(),
                Importer.choice(Mode.class, request.mode() == null ? "CREATE_ONLY" : request.mode(), "mode"),
                request.matchKey());
        return ResponseEntity.status(HttpStatus.ACCEPTED).body(view(id));
    }

    @GetMapping("/templates")
    @Operation(summary = "The saved column mappings (templates) of an entity's imports, by name")
    List<TemplateView> templates(@RequestParam(name = "entity", required = false) String entity) {
        return templates.list(ImportEntity.parse(entity, "entity")).stream().map(TemplateView::of).toList();
    }

    @GetMapping("/templates/{id}")
    @Operation(summary = "A saved column mapping")
    TemplateView template(@PathVariable long id) {
        return TemplateView.of(templates.get(id));
    }

    @PostMapping("/templates")
    @Operation(summary = "Save a column mapping (column title → field) as a template of an entity's imports; names "
            + "are unique per entity in any case (409 when taken)")
    ResponseEntity<TemplateView> createTemplate(@RequestBody TemplateRequest request) {
        MappingTemplate saved = templates.create(ImportEntity.parse(request.entity(), "entity"), request.name(),
                request.mapping(), request.mode(), request.matchKey());
        return ResponseEntity.created(ServletUriComponentsBuilder.fromCurrentRequestUri().path("/{id}")
                .build(saved.id())).body(TemplateView.of(saved));
    }

    @DeleteMapping("/templates/{id}")
    @Operation(summary = "Delete a saved column mapping")
    ResponseEntity<Void> deleteTemplate(@PathVariable long id) {
        templates.delete(id);
        return ResponseEntity.noContent().build();
    }

    @GetMapping
    List<ImportView> list() {
        return importer.recent().stream().map(j -> ImportView.of(j, importer.followUp(j))).toList();
    }

    @GetMapping("/{id}")
    @Operation(summary = "Status and progress of an import")
    ImportView get(@PathVariable long id) {
        return view(id);
    }

    @GetMapping("/{id}/errors")
    @Operation(summary = "The rejected rows as CSV: line, column, reason and the row as it was in the file")
    void errors(@PathVariable long id, HttpServletResponse response) throws IOException {
        importer.get(id);
        response.setContentType("text/csv;charset=UTF-8");
        response.setHeader(HttpHeaders.CONTENT_DISPOSITION,
                ContentDisposition.attachment().filename("import-" + id + "-errors.csv").build().toString());
        importer.writeErrors(id, response.getOutputStream());
    }

    @PostMapping("/{id}/undo")
    @Operation(summary = "Undo a finished import: created records are deleted, updated ones restored "
            + "(unless edited since)")
    ResponseEntity<ImportView> undo(@PathVariable long id) {
        importer.undo(id);
        return ResponseEntity.status(HttpStatus.ACCEPTED).body(view(id));
    }
}
