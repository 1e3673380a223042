package dev.guanxi.crm.sales.internal;

import dev.guanxi.crm.audit.AuditAction;
import dev.guanxi.crm.audit.AuditTrail;
import dev.guanxi.crm.audit.AuditTrail.Change;
import dev.guanxi.crm.common.InvalidInputException;
import dev.guanxi.crm.identity.CurrentUser;
import dev.guanxi.crm.identity.Permission;
import dev.guanxi.crm.identity.UserDirectory;
import dev.guanxi.crm.identity.UserSummary;
import dev.guanxi.crm.sales.PeriodType;
import dev.guanxi.crm.sales.TargetMetric;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Targets (业绩指标) per user or team and period, with attainment. */
@Service
public class TargetService {

    private final Targets targets;
    private final UserDirectory users;
    private final AuditTrail audit;

    TargetService(Targets targets, UserDirectory users, AuditTrail audit) {
        this.targets = targets;
        this.users = users;
        this.audit = audit;
    }

    /** Sets (or replaces) the target of a user or of a team for the period containing {@code day}. */
    @Transactional
    public void set(Long userId, Long teamId, TargetMetric metric, PeriodType type, LocalDate day, BigDecimal amount) {
        CurrentUser me = CurrentUser.get();
        if (!me.can(Permission.SET_TARGETS)) {
            throw new AccessDeniedException("Role " + me.role() + " may not set targets");
        }
        if ((userId == null) == (teamId == null)) {
            throw new InvalidInputException("userId", "validation.target-subject");
        }
        if (metric == null || type == null || day == null) {
            throw new InvalidInputException(metric == null ? "metric" : type == null ? "periodType" : "period",
                    "validation.required");
        }
        if (amount == null || amount.signum() <= 0 || amount.scale() > 2) {
            throw new InvalidInputException("amount", "validation.positive");
        }
        if (userId != null) {
            UserSummary user = users.find(userId).filter(me::mayAssignTo)
                    .orElseThrow(() -> new InvalidInputException("userId", "validation.owner"));
            userId = user.id();
        } else if (!me.seesAll() && me.role() != dev.guanxi.crm.identity.Role.ADMIN
                && !me.visibleTeamIds().contains(teamId)) {
            throw new InvalidInputException("teamId", "validation.team");
        } else if (users.teams().stream().noneMatch(t -> t.id() == teamId)) {
            throw new InvalidInputException("teamId", "validation.team");
        }
        LocalDate start = type.start(day);
        targets.upsert(userId, teamId, metric, type, start, amount, me.id());
        audit.record("target", (userId != null ? "user:" + userId : "team:" + teamId) + ":" + metric + ":" + type + ":"
                + start, AuditAction.UPDATE, Map.of("amount", new Change(null, amount)), metric + " " + start);
    }

    /** The targets of the period containing {@code day} that the signed-in user may see, with attainment. */
    @Transactional(readOnly = true)
    public List<TargetProgress> progress(PeriodType type, LocalDate day) {
        CurrentUser me = CurrentUser.get();
        LocalDate start = type.start(day);
        List<Targets.Row> rows = targets.ofPeriod(type, start, me.seesAll(), me.id(), List.copyOf(me.visibleTeamIds()));
        Set<Long> userIds = new HashSet<>();
        Set<Long> teamIds = new HashSet<>();
        rows.forEach(r -> {
            if (r.userId() != null) {
                userIds.add(r.userId());
            } else {
                teamIds.add(r.teamId());
            }
        });
        Map<Long, String> userNames = users.displayNames(userIds);
        Map<Long, String> teamNames = users.teamNames(teamIds);
        List<TargetProgress> result = new ArrayList<>();
        for (Targets.Row r : rows) {
            String subject = r.userId() != null ? userNames.get(r.userId()) : teamNames.get(r.teamId());
            result.add(new TargetProgress(r.id(), r.userId(), r.teamId(), subject, r.metric(), r.type(), r.start(),
                    r.amount(), r.actual()));
        }
        return result;
    }
}
