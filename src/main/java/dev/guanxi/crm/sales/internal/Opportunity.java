package dev.guanxi.crm.sales.internal;

import dev.guanxi.crm.common.ConflictException;
import dev.guanxi.crm.common.InvalidInputException;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;

/** A business opportunity (业务机会); it guards its stage moves: closed ones stay closed, a loss needs a reason. */
public final class Opportunity {

    private final long id;
    private final long customerId;
    private final String name;
    private final BigDecimal amount;
    private final String currency;
    private final LocalDate expectedClose;
    private final long ownerId;
    private final Long teamId;
    private final Long sourceCampaignId;
    private Stage stage;
    private Instant stageEnteredAt;
    private String lossReason;
    private Instant closedAt;
    private final Instant createdAt;
    private final int version;

    Opportunity(long id, long customerId, String name, BigDecimal amount, String currency, LocalDate expectedClose,
                long ownerId, Long teamId, Long sourceCampaignId, Stage stage, Instant stageEnteredAt,
                String lossReason, Instant closedAt, Instant createdAt, int version) {
        this.id = id;
        this.customerId = customerId;
        this.name = name;
        this.amount = amount;
        this.currency = currency;
        this.expectedClose = expectedClose;
        this.ownerId = ownerId;
        this.teamId = teamId;
        this.sourceCampaignId = sourceCampaignId;
        this.stage = stage;
        this.stageEnteredAt = stageEnteredAt;
        this.lossReason = lossReason;
        this.closedAt = closedAt;
        this.createdAt = createdAt;
        this.version = version;
    }

    /** Moves to another stage; returns the seconds spent in the stage left. */
    long moveTo(Stage target, String reason, Instant now) {
        if (!stage.open()) {
            throw new ConflictException("Opportunity " + id + " is closed (" + stage.code() + "); closed opportunities "
                    + "do not move. Create a new opportunity instead.");
        }
        if (target.code().equals(stage.code())) {
            throw new ConflictException("Opportunity " + id + " is already in stage " + stage.code() + ".");
        }
        if (target.outcome() == Stage.Outcome.LOST && (reason == null || reason.isBlank())) {
            throw new InvalidInputException("lossReason", "validation.loss-reason");
        }
        long seconds = Math.max(0, now.getEpochSecond() - stageEnteredAt.getEpochSecond());
        stage = target;
        stageEnteredAt = now;
        lossReason = target.outcome() == Stage.Outcome.LOST ? reason.strip() : null;
        closedAt = target.open() ? null : now;
        return seconds;
    }

    public BigDecimal weightedAmount() {
        return amount.multiply(BigDecimal.valueOf(stage.probability())).movePointLeft(2);
    }

    public long id() { return id; }
    public long customerId() { return customerId; }
    public String name() { return name; }
    public BigDecimal amount() { return amount; }
    public String currency() { return currency; }
    public LocalDate expectedClose() { return expectedClose; }
    public long ownerId() { return ownerId; }
    public Long teamId() { return teamId; }
    public Long sourceCampaignId() { return sourceCampaignId; }
    public Stage stage() { return stage; }
    public Instant stageEnteredAt() { return stageEnteredAt; }
    public String lossReason() { return lossReason; }
    public Instant closedAt() { return closedAt; }
    public Instant createdAt() { return createdAt; }
    public int version() { return version; }
}
