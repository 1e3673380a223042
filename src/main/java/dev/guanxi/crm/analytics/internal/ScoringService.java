package dev.guanxi.crm.analytics.internal;

import dev.guanxi.crm.analytics.ChurnSignal;
import dev.guanxi.crm.analytics.ScoringCompleted;
import dev.guanxi.crm.common.InvalidInputException;
import dev.guanxi.crm.customer.ClassificationAssignment;
import dev.guanxi.crm.customer.LifecycleStage;
import dev.guanxi.crm.customer.ValueTier;
import dev.guanxi.crm.identity.CurrentUser;
import jakarta.annotation.PreDestroy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The scoring run: claim the single running slot, aggregate every customer's purchases in one query, score in
 * memory ({@link Scoring}, then the model step's {@link ScoreEnricher}s), write the scores with COPY, set value
 * tiers and lifecycle stages in the customer records, and publish the new scores, all of the writing in one
 * transaction so readers see the previous run until the new one is complete.
 */
@Service
public class ScoringService {

    public static final String SCHEDULED = "SCHEDULED";
    public static final String MANUAL = "MANUAL";
    private static final Logger log = LoggerFactory.getLogger(ScoringService.class);
    private static final Pattern CODE = Pattern.compile("[A-Z0-9_]{1,40}");

    private final ScoringRuns runs;
    private final ScoreStore store;
    private final AnalyticsSettings settings;
    private final ClassificationAssignment classification;
    private final List<ScoreEnricher> enrichers;
    private final List<ChurnSignal> signals;
    private final ApplicationEventPublisher events;
    private final TransactionTemplate tx;
    private final TransactionTemplate separate;
    private final ZoneId zone;
    private final ExecutorService background = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "scoring-run");
        t.setDaemon(true);
        return t;
    });

    ScoringService(ScoringRuns runs, ScoreStore store, AnalyticsSettings settings,
                   ClassificationAssignment classification, List<ScoreEnricher> enrichers, List<ChurnSignal> signals,
                   ApplicationEventPublisher events, PlatformTransactionManager transactions,
                   @Value("${guanxi.activity.zone:Asia/Shanghai}") ZoneId zone) {
        this.runs = runs;
        this.store = store;
        this.settings = settings;
        this.classification = classification;
        this.enrichers = enrichers;
        this.signals = signals;
        this.events = events;
        this.tx = new TransactionTemplate(transactions);
        this.separate = new TransactionTemplate(transactions);
        this.separate.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        this.zone = zone;
    }

    @PreDestroy
    void stop() {
        background.shutdownNow();
    }

    /** Today in the business time zone: the default date of a run. */
    public LocalDate today() {
        return LocalDate.now(zone);
    }

    /**
     * Claims a run and computes it in the background.
     *
     * @param asOf         the run date (null: today); not in the future
     * @param periodMonths the ABC period (null: the configured one), 1..120
     * @return the run id, to poll
     * @throws dev.guanxi.crm.common.ConflictException when a run is already running (on any instance)
     */
    public long start(LocalDate asOf, Integer periodMonths) {
        Params p = params(asOf, periodMonths);
        long id = claim(MANUAL, p);
        background.submit(() -> execute(id, p));
        return id;
    }

    /** Claims a run and computes it in the calling thread (the nightly job; tests). */
    public ScoringRun runNow(String trigger, LocalDate asOf, Integer periodMonths) {
        Params p = params(asOf, periodMonths);
        long id = claim(trigger, p);
        execute(id, p);
        return runs.find(id).orElseThrow();
    }

    private long claim(String trigger, Params p) {
        Long user = CurrentUser.find().map(CurrentUser::id).orElse(null);
        return runs.claim(trigger, user, p.asOf(), p.periodMonths(), settings.getStaleMinutes());
    }

    private Params params(LocalDate asOf, Integer periodMonths) {
        LocalDate date = asOf == null ? today() : asOf;
        if (date.isAfter(today())) {
            throw new InvalidInputException("asOf", "analytics.invalid.as-of");
        }
        int months = periodMonths == null ? settings.getPeriodMonths() : periodMonths;
        if (months < 1 || months > 120) {
            throw new InvalidInputException("periodMonths", "analytics.invalid.period");
        }
        return new Params(date, months);
    }

    record Params(LocalDate asOf, int periodMonths) {
    }

    void execute(long runId, Params p) {
        long started = System.nanoTime();
        try {
            progress(runId, "AGGREGATING", 5);
            List<CustomerFacts> all = tx.execute(s -> store.facts(p.asOf(), p.periodMonths(), settings.getTrendDays()));
            long read = System.nanoTime();
            progress(runId, "SCORING", 40);
            int asOfDay = (int) p.asOf().toEpochDay();
            AnalyticsSettings s = settings;
            int[] abc = Scoring.abc(all, s);
            Scoring.rfm(all, asOfDay);
            double retention = Scoring.retention(all, s.getRetentionYears(), s.getRetentionFallback());
            Scoring.dwyer(all, asOfDay, retention, s);
            for (ScoreEnricher enricher : enrichers) {
                enricher.enrich(all, p.asOf());
            }
            Scoring.churn(all, s, signals(p.asOf()));
            Scoring.lifecycle(all, asOfDay, s);
            long scored = System.nanoTime();
            progress(runId, "WRITING", 55);
            String slot = runs.slot(runId);
            boolean hadPrevious = runs.latestSucceeded().isPresent();
            long[] marks = new long[2];
            tx.executeWithoutResult(status -> {
                store.write(slot, runId, p.asOf(), all);
                marks[0] = System.nanoTime();
                progress(runId, "CLASSIFYING", 75);
                ClassificationAssignment.Changes changes = classify(runId, all);
                marks[1] = System.nanoTime();
                progress(runId, "PUBLISHING", 95);
                store.publish(slot, runId, p.asOf(), hadPrevious);
                runs.succeeded(runId, summary(all, abc, retention, changes, started));
                events.publishEvent(new ScoringCompleted(runId, p.asOf()));
            });
            long end = System.nanoTime();
            log.info("Scoring run {} scored {} customers in {} ms (read {} ms, score {} ms, write {} ms, customer "
                            + "records {} ms, publish and commit {} ms)", runId, all.size(), (end - started) / 1_000_000,
                    (read - started) / 1_000_000, (scored - read) / 1_000_000, (marks[0] - scored) / 1_000_000,
                    (marks[1] - marks[0]) / 1_000_000, (end - marks[1]) / 1_000_000);
        } catch (RuntimeException | OutOfMemoryError e) {
            log.error("Scoring run {} failed", runId, e);
            runs.failed(runId, e.toString());
            throw e;
        }
    }

    private void progress(long runId, String phase, int percent) {
        separate.executeWithoutResult(s -> runs.progress(runId, phase, percent));
    }

    private Map<String, Set<Long>> signals(LocalDate asOf) {
        Map<String, Set<Long>> flagged = new LinkedHashMap<>();
        for (ChurnSignal signal : signals) {
            if (!CODE.matcher(signal.code()).matches()) {
                log.warn("Churn signal {} ignored: code {} is not [A-Z0-9_]{{1,40}}", signal.getClass(), signal.code());
                continue;
            }
            flagged.computeIfAbsent(signal.code(), k -> new java.util.HashSet<>()).addAll(signal.flaggedCustomers(asOf));
        }
        return flagged;
    }

    /** Customers with purchases only: the run knows nothing about the others, whose records keep their values. */
    private ClassificationAssignment.Changes classify(long runId, List<CustomerFacts> all) {
        if (!settings.isWriteCustomers()) {
            return new ClassificationAssignment.Changes(0, 0);
        }
        List<CustomerFacts> buyers = all.stream().filter(CustomerFacts::hasPurchases).toList();
        long[] ids = new long[buyers.size()];
        ValueTier[] tiers = new ValueTier[ids.length];
        LifecycleStage[] stages = new LifecycleStage[ids.length];
        for (int i = 0; i < ids.length; i++) {
            CustomerFacts c = buyers.get(i);
            ids[i] = c.customerId;
            tiers[i] = c.valueTier;
            stages[i] = c.stage;
        }
        return classification.assign(ids, tiers, stages, "scoring run " + runId);
    }

    private static ScoringRuns.Summary summary(List<CustomerFacts> all, int[] abc, double retention,
                                               ClassificationAssignment.Changes changes, long started) {
        int withOrders = 0;
        int flagged = 0;
        long periodCents = 0;
        double atRisk = 0;
        Map<RfmSegment, Integer> segments = new EnumMap<>(RfmSegment.class);
        for (CustomerFacts c : all) {
            if (c.hasPurchases()) {
                withOrders++;
                segments.merge(c.segment, 1, Integer::sum);
            }
            periodCents += c.periodCents;
            if (!c.churnReasons.isEmpty()) {
                flagged++;
                atRisk += c.valueAtRisk();
            }
        }
        String json = segments.entrySet().stream().map(e -> "\"" + e.getKey() + "\":" + e.getValue())
                .collect(Collectors.joining(",", "{", "}"));
        return new ScoringRuns.Summary(all.size(), withOrders, BigDecimal.valueOf(periodCents, 2), abc,
                BigDecimal.valueOf(retention).setScale(6, java.math.RoundingMode.HALF_UP), flagged,
                BigDecimal.valueOf(atRisk).setScale(2, java.math.RoundingMode.HALF_UP), changes.valueTiers(),
                changes.lifecycleStages(), json, (System.nanoTime() - started) / 1_000_000);
    }
}
