package dev.guanxi.crm.sales.internal;

import dev.guanxi.crm.audit.AuditAction;
import dev.guanxi.crm.audit.AuditTrail;
import dev.guanxi.crm.audit.AuditTrail.Change;
import dev.guanxi.crm.common.ConflictException;
import dev.guanxi.crm.common.InvalidInputException;
import dev.guanxi.crm.common.NotFoundException;
import dev.guanxi.crm.customer.CustomerDirectory;
import dev.guanxi.crm.customer.CustomerSummary;
import dev.guanxi.crm.customer.TimelineEntry;
import dev.guanxi.crm.identity.CurrentUser;
import dev.guanxi.crm.identity.Permission;
import dev.guanxi.crm.sales.OpportunityCreated;
import dev.guanxi.crm.sales.OpportunityWon;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Use cases of the pipeline: opportunities, stage moves with history, the board and the funnel. */
@Service
public class OpportunityService {

    static final int BOARD_COLUMN_LIMIT = 50;

    private final Opportunities opportunities;
    private final CustomerDirectory customers;
    private final AuditTrail audit;
    private final ApplicationEventPublisher events;
    private final PipelineCache cache;

    OpportunityService(Opportunities opportunities, CustomerDirectory customers, AuditTrail audit,
                       ApplicationEventPublisher events, PipelineCache cache) {
        this.opportunities = opportunities;
        this.cache = cache;
        this.customers = customers;
        this.audit = audit;
        this.events = events;
    }

    @Transactional(readOnly = true)
    public List<Stage> stages() {
        return opportunities.stages();
    }

    @Transactional
    public long create(OpportunityData d) {
        CurrentUser user = require();
        CustomerSummary customer = customers.findVisible(d.customerId())
                .filter(c -> !c.deleted())
                .orElseThrow(() -> new InvalidInputException("customerId", "validation.customer"));
        Map<String, Stage> stages = opportunities.stagesByCode();
        Stage stage = d.stage() == null || d.stage().isBlank() ? stages.values().iterator().next()
                : stages.get(d.stage());
        if (stage == null || !stage.open()) {
            throw new InvalidInputException("stage", "validation.stage-open");
        }
        long id = opportunities.insert(d, customer.ownerId(), customer.teamId(), stage, user.id());
        audit.record("opportunity", id, AuditAction.CREATE, Map.of("name", new Change(null, d.name()),
                "amount", new Change(null, d.amount()), "stage", new Change(null, stage.code())), d.name());
        events.publishEvent(new TimelineEntry(customer.id(), Instant.now(), "OPPORTUNITY_CREATED", "sales",
                "opportunity-created:" + id, d.name(), d.amount() + " CNY · " + stage.nameEn(), user.displayName()));
        events.publishEvent(new OpportunityCreated(id, customer.id(), customer.ownerId(), customer.teamId(),
                d.amount(), "CNY"));
        return id;
    }

    @Transactional(readOnly = true)
    public Opportunity get(long id) {
        return opportunities.find(id, CurrentUser.get()).orElseThrow(() -> new NotFoundException("Opportunity", id));
    }

    @Transactional(readOnly = true)
    public List<Opportunities.Change> history(long id) {
        return opportunities.history(get(id).id());
    }

    @Transactional(readOnly = true)
    public String customerName(long customerId) {
        return customers.names(List.of(customerId)).get(customerId);
    }

    @Transactional
    public void update(long id, int version, OpportunityData d) {
        require();
        Opportunity current = get(id);
        if (current.customerId() != d.customerId()) {
            throw new InvalidInputException("customerId", "validation.customer-fixed");
        }
        if (current.version() != version || !opportunities.updateFields(id, version, d)) {
            throw stale(id);
        }
        Map<String, Change> changes = new LinkedHashMap<>();
        if (!current.name().equals(d.name().strip())) {
            changes.put("name", new Change(current.name(), d.name().strip()));
        }
        if (current.amount().compareTo(d.amount()) != 0) {
            changes.put("amount", new Change(current.amount(), d.amount()));
        }
        if (!java.util.Objects.equals(current.expectedClose(), d.expectedClose())) {
            changes.put("expectedClose", new Change(current.expectedClose(), d.expectedClose()));
        }
        audit.record("opportunity", id, AuditAction.UPDATE, changes, d.name());
    }

    /** Moves an opportunity to a stage; every move is recorded with its time for cycle and conversion reports. */
    @Transactional
    public void move(long id, int version, String stageCode, String lossReason) {
        CurrentUser user = require();
        Opportunity o = get(id);
        Stage target = opportunities.stagesByCode().get(stageCode);
        if (target == null) {
            throw new InvalidInputException("stage", "validation.stage");
        }
        if (o.version() != version) {
            throw stale(id);
        }
        String from = o.stage().code();
        long seconds = o.moveTo(target, lossReason, Instant.now());
        if (!opportunities.saveMove(o, from, seconds, user.id())) {
            throw stale(id);
        }
        audit.record("opportunity", id, AuditAction.UPDATE, Map.of("stage", new Change(from, target.code())), o.name());
        String kind = switch (target.outcome()) {
            case WON -> "OPPORTUNITY_WON";
            case LOST -> "OPPORTUNITY_LOST";
            case OPEN -> "OPPORTUNITY_STAGE";
        };
        events.publishEvent(new TimelineEntry(o.customerId(), o.stageEnteredAt(), kind, "sales",
                "opportunity-stage:" + id + ":" + (version + 1), o.name(),
                from + " → " + target.code() + (o.lossReason() == null ? "" : " · " + o.lossReason()),
                user.displayName()));
        if (target.outcome() == Stage.Outcome.WON && !from.equals(target.code())) {
            events.publishEvent(new OpportunityWon(id, o.customerId(), o.sourceCampaignId(), o.amount(), "CNY"));
        }
    }

    /** The board: for each stage, the opportunities in it (the first {@value BOARD_COLUMN_LIMIT}) and totals. */
    @Transactional(readOnly = true)
    public Map<Stage, Column> board(PipelineQuery q) {
        CurrentUser user = CurrentUser.get();
        Map<String, Opportunities.StageTotals> totals = new LinkedHashMap<>();
        List<Opportunities.StageTotals> stageTotals = cache.get("board-totals", q, user,
                () -> opportunities.totalsByStage(q, user));
        stageTotals.forEach(t -> totals.put(t.stage(), t));
        Map<Stage, Column> board = new LinkedHashMap<>();
        for (Stage stage : opportunities.stages()) {
            Opportunities.StageTotals t = totals.get(stage.code());
            board.put(stage, new Column(opportunities.search(q, stage.code(), user, BOARD_COLUMN_LIMIT, 0),
                    t == null ? 0 : t.count(), t == null ? BigDecimal.ZERO : t.amount()));
        }
        return board;
    }

    public record Column(List<Opportunity> cards, long count, BigDecimal amount) {
    }

    /** One page (and whether more follow) of the filtered opportunities, by expected close; stage optional. */
    @Transactional(readOnly = true)
    public dev.guanxi.crm.common.PageResult<Opportunity> list(PipelineQuery q, String stage, int page, int size) {
        if (stage != null && opportunities.stagesByCode().get(stage) == null) {
            throw new InvalidInputException("stage", "validation.stage");
        }
        dev.guanxi.crm.common.PageResult.checkRequest(page, size);
        return dev.guanxi.crm.common.PageResult.fromProbe(
                opportunities.search(q, stage, CurrentUser.get(), size + 1, (page - 1) * size), page, size);
    }

    @Transactional(readOnly = true)
    public Funnel funnel(PipelineQuery q) {
        CurrentUser user = CurrentUser.get();
        return cache.get("funnel", q, user, () -> computeFunnel(q, user));
    }

    private Funnel computeFunnel(PipelineQuery q, CurrentUser user) {
        List<Stage> stages = opportunities.stages();
        Map<String, Stage> byCode = new LinkedHashMap<>();
        stages.forEach(s -> byCode.put(s.code(), s));
        List<Opportunities.StageFigures> figures = opportunities.stageFigures(q, user);
        Map<String, Opportunities.StageTotals> totals = new LinkedHashMap<>();
        Map<String, Long> reached = new LinkedHashMap<>();
        double wonSeconds = 0;
        long wonClosed = 0;
        for (Opportunities.StageFigures f : figures) {
            totals.merge(f.stage(), new Opportunities.StageTotals(f.stage(), f.count(), f.amount()),
                    (a, b) -> new Opportunities.StageTotals(a.stage(), a.count() + b.count(), a.amount().add(b.amount())));
            Stage furthest = f.furthestStage() == null ? null : byCode.get(f.furthestStage());
            for (Stage s : stages) {
                if (furthest != null && s.outcome() != Stage.Outcome.LOST && furthest.position() >= s.position()) {
                    reached.merge(s.code(), f.count(), Long::sum);
                }
            }
            Stage current = byCode.get(f.stage());
            if (current != null && current.outcome() == Stage.Outcome.WON) {
                wonSeconds += f.closedSeconds();
                wonClosed += f.closed();
            }
        }
        Double cycleDays = wonClosed == 0 ? null : wonSeconds / wonClosed / 86400.0;
        Map<String, Double> days = opportunities.averageDaysInStage(q, user);
        List<Stage> progression = stages.stream().filter(s -> s.outcome() != Stage.Outcome.LOST).toList();
        List<Funnel.Row> rows = new ArrayList<>();
        BigDecimal open = BigDecimal.ZERO;
        BigDecimal weighted = BigDecimal.ZERO;
        for (int i = 0; i < progression.size(); i++) {
            Stage s = progression.get(i);
            Opportunities.StageTotals t = totals.get(s.code());
            long count = t == null ? 0 : t.count();
            BigDecimal amount = t == null ? BigDecimal.ZERO : t.amount();
            long here = reached.getOrDefault(s.code(), 0L);
            Double conversion = null;
            if (i + 1 < progression.size() && here > 0) {
                conversion = reached.getOrDefault(progression.get(i + 1).code(), 0L) / (double) here;
            }
            rows.add(new Funnel.Row(s, count, amount, here, conversion, days.get(s.code())));
            if (s.open()) {
                open = open.add(amount);
                weighted = weighted.add(amount.multiply(BigDecimal.valueOf(s.probability())).movePointLeft(2));
            }
        }
        long won = stages.stream().filter(s -> s.outcome() == Stage.Outcome.WON)
                .mapToLong(s -> totals.containsKey(s.code()) ? totals.get(s.code()).count() : 0).sum();
        long lost = stages.stream().filter(s -> s.outcome() == Stage.Outcome.LOST)
                .mapToLong(s -> totals.containsKey(s.code()) ? totals.get(s.code()).count() : 0).sum();
        Double winRate = won + lost == 0 ? null : won / (double) (won + lost);
        return new Funnel(rows, won, lost, winRate, cycleDays, open, weighted);
    }

    /** Open pipeline per month of expected close with best-case, commit and weighted amounts. */
    @Transactional(readOnly = true)
    public Forecast forecast(PipelineQuery q) {
        List<Forecast.Month> months = opportunities.forecast(q, CurrentUser.get(), Forecast.COMMIT_PROBABILITY);
        Forecast.Month total = new Forecast.Month(null, months.stream().mapToLong(Forecast.Month::count).sum(),
                months.stream().map(Forecast.Month::bestCase).reduce(BigDecimal.ZERO, BigDecimal::add),
                months.stream().map(Forecast.Month::commit).reduce(BigDecimal.ZERO, BigDecimal::add),
                months.stream().map(Forecast.Month::weighted).reduce(BigDecimal.ZERO, BigDecimal::add));
        return new Forecast(months, total);
    }

    private static CurrentUser require() {
        CurrentUser user = CurrentUser.get();
        if (!user.can(Permission.SELL)) {
            throw new AccessDeniedException("Role " + user.role() + " may not change opportunities");
        }
        return user;
    }

    private static ConflictException stale(long id) {
        return new ConflictException("Opportunity " + id + " was changed by someone else since you loaded it "
                + "(version mismatch). Reload it and apply your change again.");
    }
}
