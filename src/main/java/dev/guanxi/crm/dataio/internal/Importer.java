package dev.guanxi.crm.dataio.internal;

import dev.guanxi.crm.common.ConflictException;
import dev.guanxi.crm.common.FieldProblem;
import dev.guanxi.crm.common.ImportTarget;
import dev.guanxi.crm.common.ImportTarget.Mode;
import dev.guanxi.crm.common.ImportTarget.Outcome;
import dev.guanxi.crm.common.ImportTarget.Result;
import dev.guanxi.crm.common.ImportTarget.Row;
import dev.guanxi.crm.common.InvalidInputException;
import dev.guanxi.crm.common.NotFoundException;
import dev.guanxi.crm.identity.CurrentUser;
import dev.guanxi.crm.identity.Role;
import jakarta.annotation.PreDestroy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.MessageSource;
import org.springframework.context.event.EventListener;
import org.springframework.scheduling.annotation.Scheduled;
import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * Imports as jobs: the upload is stored on disk, previewed and mapped, then read as a stream and written in
 * batches on a small background pool into the {@link ImportTarget} of the job's entity. Each batch commits its
 * records, its undo records, its rejected rows and the job's last line in one transaction, so a crashed import
 * resumes after that line.
 */
@Service
public class Importer {

    private static final Logger log = LoggerFactory.getLogger(Importer.class);
    static final int BATCH = 1000;
    static final int PREVIEW_ROWS = 10;

    /**
     * @param suggested per column the field a matching or chosen template gives it, else the one its title suggests
     * @param template  the template {@code suggested} comes from, null for the suggestion from the titles
     */
    public record Preview(List<String> header, List<String> suggested, List<List<String>> rows, String encoding,
                          TemplateRef template) {
    }

    /** The template a preview's mapping comes from, with the mode and match key it was saved with (or null). */
    public record TemplateRef(long id, String name, String mode, String matchKey) {

        static TemplateRef of(MappingTemplate t) {
            return new TemplateRef(t.id(), t.name(), t.mode(), t.matchKey());
        }
    }

    private final ImportJobs jobs;
    private final Map<ImportEntity, ImportTarget> targets = new EnumMap<>(ImportEntity.class);
    private final ColumnMapping mapping;
    private final MappingTemplates templates;
    private final MessageSource messages;
    private final JsonMapper json;
    private final TransactionTemplate tx;
    private final Path directory;
    private final boolean background;
    private final ThreadPoolExecutor pool;
    private final ImportLocks locks;

    Importer(ImportJobs jobs, List<ImportTarget> targets, ColumnMapping mapping, MappingTemplates templates,
             MessageSource messages,
             JsonMapper json, PlatformTransactionManager transactions, ImportLocks locks,
             @Value("${guanxi.imports.dir:./data/imports}") String directory,
             @Value("${guanxi.imports.background:true}") boolean background,
             @Value("${guanxi.imports.threads:2}") int threads) {
        this.jobs = jobs;
        this.locks = locks;
        for (ImportEntity entity : ImportEntity.values()) {
            targets.stream().filter(entity.target()::isInstance).findFirst().ifPresent(t -> this.targets.put(entity, t));
        }
        this.mapping = mapping;
        this.templates = templates;
        this.messages = messages;
        this.json = json;
        this.tx = new TransactionTemplate(transactions);
        this.directory = Path.of(directory);
        this.background = background;
        // bounded: at most `threads` imports at once, a short queue, and a clear refusal beyond it
        this.pool = new ThreadPoolExecutor(threads, threads, 60, TimeUnit.SECONDS, new ArrayBlockingQueue<>(20),
                r -> {
                    Thread t = new Thread(r, "import-worker");
                    t.setDaemon(true);
                    return t;
                });
    }

    @PreDestroy
    void stop() {
        pool.shutdownNow();
    }

    /** Lets the queued and running jobs finish, then stops the pool; true when all finished in time. */
    boolean drain(java.time.Duration timeout) throws InterruptedException {
        pool.shutdown();
        return pool.awaitTermination(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Stores an upload and creates a draft import of the entity; the file is copied to disk as a stream. */
    public long upload(ImportEntity entity, String fileName, InputStream content, Locale locale) throws IOException {
        CurrentUser user = CurrentUser.get();
        target(entity).checkAllowed();
        String name = fileName == null || fileName.isBlank() ? "import.csv" : Path.of(fileName).getFileName().toString();
        String lower = name.toLowerCase(Locale.ROOT);
        String format = lower.endsWith(".xlsx") ? "XLSX" : lower.endsWith(".csv") || lower.endsWith(".txt") ? "CSV"
                : null;
        if (format == null) {
            throw new InvalidInputException("file", "validation.import-file-type");
        }
        Files.createDirectories(directory);
        Path stored = directory.resolve(UUID.randomUUID() + "." + format.toLowerCase(Locale.ROOT));
        Files.copy(content, stored, StandardCopyOption.REPLACE_EXISTING);
        if (Files.size(stored) == 0) {
            Files.delete(stored);
            throw new InvalidInputException("file", "validation.import-file-empty");
        }
        String encoding = "CSV".equals(format) ? TableReader.detect(stored).name() : null;
        try (TableReader reader = TableReader.open(stored, format, charset(encoding))) {
            if (reader.header().stream().allMatch(h -> h == null || h.isBlank())) {
                throw new InvalidInputException("file", "validation.import-file-header");
            }
        } catch (InvalidInputException e) {
            Files.deleteIfExists(stored);
            throw e;
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(stored);
            throw new InvalidInputException("file", "validation.import-file-unreadable");
        }
        return jobs.create(entity, name, stored.toString(), format, encoding, locale.toLanguageTag(),
                json.writeValueAsString(user), user.id());
    }

    /** The job, when the signed-in user started it or is an administrator. */
    public ImportJob get(long id) {
        CurrentUser user = CurrentUser.get();
        return jobs.find(id).filter(j -> j.actorId() == user.id() || user.role() == Role.ADMIN)
                .orElseThrow(() -> new NotFoundException("Import", id));
    }

    public List<ImportJob> recent() {
        CurrentUser user = CurrentUser.get();
        return jobs.recent(user.role() == Role.ADMIN ? null : user.id(), 50);
    }

    /**
     * Column titles, the suggested field per column and the first rows; the suggestion comes from the newest template
     * with the file's column titles when there is one.
     */
    public Preview preview(long id) throws IOException {
        return preview(id, null);
    }

    /**
     * Like {@link #preview(long)}, with the mapping of the given template (id or name) of the job's entity.
     *
     * @throws InvalidInputException when the entity has no such template
     */
    public Preview preview(long id, String template) throws IOException {
        ImportJob job = get(id);
        Optional<MappingTemplate> chosen = template == null || template.isBlank() ? Optional.empty()
                : Optional.of(templates.find(job.entity(), template).orElseThrow(() ->
                        new InvalidInputException("template", "validation.import-template-unknown")));
        try (TableReader reader = open(job)) {
            List<List<String>> rows = new ArrayList<>();
            while (rows.size() < PREVIEW_ROWS && reader.hasNext()) {
                TableReader.Line line = reader.next();
                if (line.unreadable()) {
                    break; // the import reports it as the error of its line
                }
                rows.add(line.cells());
            }
            List<String> header = reader.header();
            Optional<MappingTemplate> applied = chosen.isPresent() ? chosen : templates.matching(job.entity(), header);
            List<String> suggested = applied.map(t -> t.columns(header))
                    .orElseGet(() -> mapping.suggest(job.entity(), header));
            return new Preview(header, suggested, rows, job.encoding(), applied.map(TemplateRef::of).orElse(null));
        }
    }

    /**
     * The state of the work the import left to a follow-up job (for customers the duplicate check by the name rules),
     * {@link ImportTarget.FollowUp#NONE} before it has written anything or when its records have none.
     */
    public ImportTarget.FollowUp followUp(ImportJob job) {
        if (job.status() == ImportJob.Status.DRAFT || job.status() == ImportJob.Status.QUEUED) {
            return ImportTarget.FollowUp.NONE;
        }
        return target(job.entity()).followUp("import:" + job.id());
    }

    /** The target of an entity: what fields it has, which keys match records, and who may import. */
    public ImportTarget target(ImportEntity entity) {
        ImportTarget target = targets.get(entity);
        if (target == null) {
            throw new IllegalStateException("No import target for " + entity);
        }
        return target;
    }

    /**
     * Starts a draft import with the chosen column fields (null or blank: column ignored), mode and match key (one of
     * the entity's keys or {@link ImportTarget#NO_KEY}).
     *
     * @throws InvalidInputException when a required field is not mapped, a field is chosen twice, the key is unknown
     *                               or not mapped
     */
    public void start(long id, List<String> columns, Mode mode, String matchKey) throws IOException {
        ImportJob job = get(id);
        ImportTarget target = target(job.entity());
        target.checkAllowed();
        if (job.status() != ImportJob.Status.DRAFT) {
            throw new ConflictException("Import " + id + " has already started.");
        }
        String key = matchKey == null || matchKey.isBlank() ? ImportTarget.NO_KEY
                : matchKey.strip().toUpperCase(Locale.ROOT);
        List<String> fields = columns.stream().map(c -> c == null || c.isBlank() ? null : c.strip()).toList();
        List<FieldProblem> problems = new ArrayList<>();
        List<String> chosen = fields.stream().filter(f -> f != null).toList();
        if (!target.fields().containsAll(chosen)) {
            problems.add(new FieldProblem("mapping", "validation.import-mapping-unknown"));
        }
        if (chosen.stream().distinct().count() != chosen.size()) {
            problems.add(new FieldProblem("mapping", "validation.import-mapping-twice"));
        }
        if (mode == Mode.CREATE_ONLY && target.required().contains("name") && !chosen.contains("name")) {
            problems.add(new FieldProblem("mapping", "validation.import-mapping-name"));
        }
        if (mode == Mode.CREATE_ONLY && target.required().stream().anyMatch(f -> !"name".equals(f)
                && !chosen.contains(f))) {
            problems.add(new FieldProblem("mapping", "validation.import-mapping-required"));
        }
        boolean noKey = ImportTarget.NO_KEY.equals(key);
        if (!noKey && !target.matchKeys().containsKey(key)) {
            problems.add(new FieldProblem("matchKey", "validation.import-choice"));
        } else if (!noKey && !chosen.contains(target.matchKeys().get(key))) {
            problems.add(new FieldProblem("matchKey", "validation.import-key-unmapped"));
        }
        if (mode == Mode.UPSERT && noKey) {
            problems.add(new FieldProblem("matchKey", "validation.import-key-required"));
        }
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems);
        }
        if (!jobs.queue(id, fields, mode.name(), key)) {
            throw new ConflictException("Import " + id + " has already started.");
        }
        submit(id);
    }

    /** Takes back what a finished import did, in batches on the background pool. */
    public void undo(long id) {
        ImportJob job = get(id);
        ImportTarget target = target(job.entity());
        target.checkAllowed();
        if (!target.undoable()) {
            throw new ConflictException("Imports of " + job.entity().name().toLowerCase(Locale.ROOT)
                    + " records cannot be undone.");
        }
        if (!job.undoable() || !jobs.startUndo(id)) {
            throw new ConflictException("Import " + id + " cannot be undone now.");
        }
        submit(id);
    }

    /** Runs a failed import again from the line after the last committed batch. */
    public void retry(long id) {
        target(get(id).entity()).checkAllowed();
        if (!jobs.requeue(id)) {
            throw new ConflictException("Import " + id + " has not failed, or its upload was "
                    + "removed after guanxi.imports.keep-files; upload the file again.");
        }
        submit(id);
    }

    /** Continues the imports and undos a stopped application left unfinished. */
    @EventListener(ApplicationReadyEvent.class)
    void resumeUnfinished() {
        for (long id : jobs.unfinished()) {
            log.info("Resuming import {}", id);
            submit(id);
        }
    }

    /**
     * Takes over unfinished jobs whose runner went away (an instance that stopped or crashed while others run on):
     * a job another runner still holds is skipped by {@link #resume}'s lock, so this only continues orphans.
     */
    @Scheduled(fixedDelayString = "${guanxi.imports.orphan-check:PT1M}",
            initialDelayString = "${guanxi.imports.orphan-check:PT1M}")
    @SchedulerLock(name = "import-orphans", lockAtMostFor = "PT5M")
    public void takeOverOrphans() {
        if (pool.getActiveCount() + pool.getQueue().size() > 0 && background) {
            // this instance is busy with imports; it checks again later (and others check too)
            return;
        }
        for (long id : jobs.unfinished()) {
            submit(id);
        }
    }

    private void submit(long id) {
        if (!background) {
            resume(id);
            return;
        }
        try {
            pool.execute(() -> resume(id));
        } catch (RejectedExecutionException e) {
            jobs.status(id, ImportJob.Status.FAILED, "Too many imports at once; start it again later.");
        }
    }

    /**
     * Runs (or continues) a queued, running or undoing job to its end, as the user who started it: lines up to
     * the last committed one are skipped, so every line is written exactly once.
     */
    public void resume(long id) {
        Optional<ImportLocks.Held> lock = locks.tryLock(id);
        if (lock.isEmpty()) {
            log.debug("Import {} is running elsewhere", id);
            return;
        }
        try (ImportLocks.Held held = lock.get()) {
            resumeLocked(id);
        }
    }

    private void resumeLocked(long id) {
        ImportJob job = jobs.find(id).orElseThrow(() -> new NotFoundException("Import", id));
        CurrentUser actor = json.readValue(jobs.actor(id), CurrentUser.class);
        SecurityContext previous = SecurityContextHolder.getContext();
        SecurityContext context = SecurityContextHolder.createEmptyContext();
        context.setAuthentication(UsernamePasswordAuthenticationToken.authenticated(
                (CurrentUser.Holder) () -> actor, null, List.of()));
        SecurityContextHolder.setContext(context);
        try {
            if (job.status() == ImportJob.Status.UNDOING) {
                runUndo(job);
            } else if (job.status() == ImportJob.Status.QUEUED || job.status() == ImportJob.Status.RUNNING) {
                runImport(job);
            }
        } catch (Exception e) {
            log.warn("Import {} failed", id, e);
            jobs.status(id, ImportJob.Status.FAILED, e.getClass().getSimpleName() + ": " + e.getMessage());
        } finally {
            SecurityContextHolder.setContext(previous);
        }
    }

    private void runImport(ImportJob job) throws IOException {
        jobs.status(job.id(), ImportJob.Status.RUNNING, null);
        if (job.totalRows() == null) {
            // one quick pass for the progress bar, in the background so that starting stays instant
            long total = 0;
            try (TableReader reader = open(job)) {
                while (reader.hasNext()) {
                    if (!reader.next().blank()) {
                        total++;
                    }
                }
            }
            jobs.total(job.id(), total);
        }
        Locale locale = Locale.forLanguageTag(job.locale());
        Mode mode = Mode.valueOf(job.mode());
        String key = job.matchKey();
        ImportTarget target = target(job.entity());
        try (TableReader reader = open(job)) {
            List<String> header = reader.header();
            List<Row> rows = new ArrayList<>(BATCH);
            Map<Long, List<String>> cells = new LinkedHashMap<>();
            long last = job.lastLine();
            TableReader.Line unreadable = null;
            while (reader.hasNext()) {
                TableReader.Line line = reader.next();
                if (line.number() <= job.lastLine() || line.blank()) {
                    continue;
                }
                if (line.unreadable()) {
                    // the last line the reader gives: rejected with the rows before it, in their transaction
                    unreadable = line;
                    last = line.number();
                    break;
                }
                Row row = new Row(line.number(), values(job.mapping(), line.cells()));
                if (rows.size() >= BATCH && !sameGroup(target.groupField(), rows.get(rows.size() - 1), row)) {
                    commit(job.id(), target, rows, cells, header, mode, key, locale, last, null);
                    rows.clear();
                    cells.clear();
                }
                rows.add(row);
                cells.put(line.number(), line.cells());
                last = line.number();
            }
            if (!rows.isEmpty() || unreadable != null) {
                commit(job.id(), target, rows, cells, header, mode, key, locale, last, unreadable);
            }
        }
        jobs.status(job.id(), ImportJob.Status.DONE, null);
    }

    /** Whether the row belongs to the same record as the previous one (a further line of the same order). */
    private static boolean sameGroup(String groupField, Row previous, Row row) {
        if (groupField == null) {
            return false;
        }
        String value = row.values().get(groupField);
        return value != null && !value.isBlank()
                && value.strip().equalsIgnoreCase(String.valueOf(previous.values().get(groupField)).strip());
    }

    /** Writes a batch of rows, and rejects the file's unreadable last line (null: none) with them. */
    private void commit(long id, ImportTarget target, List<Row> rows, Map<Long, List<String>> cells,
                        List<String> header, Mode mode, String key, Locale locale, long lastLine,
                        TableReader.Line unreadable) {
        long begin = System.nanoTime();
        tx.executeWithoutResult(status -> {
            List<Outcome> outcomes = new ArrayList<>(rows.isEmpty() ? List.of()
                    : target.write(rows, mode, key, "import:" + id));
            if (unreadable != null) {
                outcomes.add(Outcome.rejected(unreadable.number(), null, "validation.import-row-unreadable"));
                cells.put(unreadable.number(), unreadable.cells());
            }
            List<ImportJobs.Rejected> rejected = new ArrayList<>();
            for (Outcome o : outcomes) {
                if (o.result() == Result.REJECTED) {
                    String raw = json.writeValueAsString(ImportJobs.rawOf(header, cells.get(o.line())));
                    for (FieldProblem p : o.problems()) {
                        rejected.add(new ImportJobs.Rejected(o.line(), p.field(), messages.getMessage(p.messageKey(),
                                null, p.messageKey(), locale), raw));
                    }
                }
            }
            long start = System.nanoTime();
            jobs.progress(id, lastLine, rows.size() + (unreadable == null ? 0 : 1), outcomes, rejected);
            log.debug("Import {} up to line {}: progress and undo records {} ms", id, lastLine,
                    (System.nanoTime() - start) / 1_000_000);
        });
        if (log.isDebugEnabled()) {
            log.debug("Import {} up to line {}: batch of {} rows committed in {} ms", id, lastLine, rows.size(),
                    (System.nanoTime() - begin) / 1_000_000);
        }
    }

    private void runUndo(ImportJob job) {
        ImportTarget target = target(job.entity());
        while (true) {
            long after = jobs.undoLastId(job.id());
            List<ImportJobs.StoredChange> changes = jobs.changesAfter(job.id(), after, BATCH);
            if (changes.isEmpty()) {
                break;
            }
            tx.executeWithoutResult(status -> {
                int undone = target.revert(changes.stream().map(ImportJobs.StoredChange::reversal).toList(),
                        "import:" + job.id());
                jobs.undoProgress(job.id(), changes.get(changes.size() - 1).id(), undone, changes.size() - undone);
            });
        }
        jobs.status(job.id(), ImportJob.Status.UNDONE, null);
    }

    /** The rejected rows as CSV (UTF-8 with BOM): line, column, reason and the row as it was in the file. */
    public void writeErrors(long id, OutputStream out) throws IOException {
        ImportJob job = get(id);
        Locale locale = Locale.forLanguageTag(job.locale());
        try (CsvRowWriter writer = new CsvRowWriter(out)) {
            writer.row(List.of(messages.getMessage("imports.line", null, locale),
                    messages.getMessage("imports.column", null, locale),
                    messages.getMessage("imports.reason", null, locale),
                    messages.getMessage("imports.row", null, locale)));
            try {
                jobs.streamErrors(id, r -> {
                    try {
                        writer.row(List.of(String.valueOf(r.line()), r.field() == null ? "" : r.field(), r.reason(),
                                r.rawJson()));
                    } catch (IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                });
            } catch (java.io.UncheckedIOException e) {
                throw e.getCause();
            }
        }
    }

    public List<ImportJobs.Rejected> errors(long id, int limit) {
        get(id);
        return jobs.errors(id, limit);
    }

    private static Map<String, String> values(List<String> mapping, List<String> cells) {
        Map<String, String> values = new LinkedHashMap<>();
        for (int i = 0; i < mapping.size() && i < cells.size(); i++) {
            if (mapping.get(i) != null) {
                values.put(mapping.get(i), cells.get(i));
            }
        }
        return values;
    }

    private TableReader open(ImportJob job) throws IOException {
        return TableReader.open(Path.of(job.storedFile()), job.format(), charset(job.encoding()));
    }

    private static Charset charset(String encoding) {
        return encoding == null ? java.nio.charset.StandardCharsets.UTF_8 : Charset.forName(encoding);
    }

    /** A mode as sent by a form or a client; an unknown name is a 400 on {@code field}. */
    public static <E extends Enum<E>> E choice(Class<E> type, String value, String field) {
        try {
            return Enum.valueOf(type, value.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException(field, "validation.import-choice");
        }
    }
}
