package dev.guanxi.crm.service.internal;

import dev.guanxi.crm.audit.AuditAction;
import dev.guanxi.crm.audit.AuditTrail;
import dev.guanxi.crm.audit.AuditTrail.Change;
import dev.guanxi.crm.common.ConflictException;
import dev.guanxi.crm.common.InvalidInputException;
import dev.guanxi.crm.common.NotFoundException;
import dev.guanxi.crm.common.PageResult;
import dev.guanxi.crm.customer.CustomerDirectory;
import dev.guanxi.crm.customer.CustomerExportSource;
import dev.guanxi.crm.marketing.Segments;
import dev.guanxi.crm.customer.TimelineEntry;
import dev.guanxi.crm.identity.CurrentUser;
import dev.guanxi.crm.identity.Role;
import dev.guanxi.crm.service.TicketClosed;
import dev.guanxi.crm.service.internal.SurveyLinkException.Problem;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Satisfaction surveys (满意度调查): a CSAT invitation per closed ticket, NPS campaigns to filtered customers, signed
 * expiring links answered once on a public page, answers on the customer timeline.
 */
@Service
public class SurveyService {

    private static final Set<Role> CAMPAIGNERS = EnumSet.of(Role.ADMIN, Role.MANAGER, Role.MARKETER, Role.SERVICE_AGENT);
    private static final int BATCH = 1000;

    private final Surveys surveys;
    private final SurveyLinks links;
    private final CustomerDirectory customers;
    private final CustomerExportSource customerList;
    private final AuditTrail audit;
    private final ApplicationEventPublisher events;
    private final JsonMapper json;
    private final Duration expiry;
    private final String csatLanguage;
    private final Clock clock = Clock.systemUTC();
    private final Segments segments;

    SurveyService(Surveys surveys, SurveyLinks links, CustomerDirectory customers, CustomerExportSource customerList,
                  AuditTrail audit, ApplicationEventPublisher events, JsonMapper json, Segments segments,
                  @Value("${guanxi.surveys.expiry-days:14}") int expiryDays,
                  @Value("${guanxi.surveys.language:zh_CN}") String csatLanguage) {
        this.surveys = surveys;
        this.segments = segments;
        this.links = links;
        this.customers = customers;
        this.customerList = customerList;
        this.audit = audit;
        this.events = events;
        this.json = json;
        this.expiry = Duration.ofDays(expiryDays);
        this.csatLanguage = "en".equals(csatLanguage) ? "en" : "zh_CN";
    }

    /** Creates the ticket's CSAT invitation once, however often the event comes; e-mailed by {@link SurveyMailJob}. */
    @Transactional
    public boolean invite(TicketClosed closed) {
        Instant from = closed.closedAt() == null ? Instant.now(clock) : closed.closedAt();
        return surveys.insertCsat(closed, csatLanguage, from.plus(expiry)).isPresent();
    }

    // ---- NPS campaigns

    @Transactional
    public long createCampaign(SurveyCampaignDraft draft) {
        CurrentUser user = requireCampaigner();
        if (draft.segmentId() != null) {
            if (segments.find(draft.segmentId()).isEmpty()) {
                throw new InvalidInputException("segmentId", "survey.validation.segment");
            }
            if (draft.hasFilters()) {
                throw new InvalidInputException("segmentId", "survey.validation.segment-or-filters");
            }
        }
        int days = draft.expiryDays() == null ? (int) expiry.toDays() : draft.expiryDays();
        String language = draft.language() == null ? csatLanguage : draft.language();
        long id = surveys.insertCampaign(draft.name().strip(), language, json.writeValueAsString(draft), days, user.id(),
                user.teamId());
        audit.record("survey-campaign", id, AuditAction.CREATE, Map.of("name", new Change(null, draft.name().strip()),
                "language", new Change(null, language)), draft.name().strip());
        return id;
    }

    /**
     * Sends the campaign once: one invitation per customer matching its filters that the user may see. Invitations
     * are e-mailed in the background; their links can also be copied from the survey list.
     *
     * @return the number of customers invited
     */
    @Transactional
    public int sendCampaign(long id, int version) {
        CurrentUser user = requireCampaigner();
        SurveyCampaign campaign = campaign(id);
        if (campaign.sent()) {
            throw new ConflictException("Campaign '" + campaign.name() + "' was already sent on " + campaign.sentAt()
                    + "; create a new campaign to survey again.");
        }
        if (!surveys.markSent(id, version)) {
            throw new ConflictException("Campaign '" + campaign.name() + "' was changed by someone else since you "
                    + "loaded it (version mismatch). Reload it.");
        }
        SurveyCampaignDraft draft = json.readValue(campaign.filters(), SurveyCampaignDraft.class);
        Instant expiresAt = Instant.now(clock).plus(Duration.ofDays(campaign.expiryDays()));
        List<Long> batch = new ArrayList<>();
        int[] invited = {0};
        if (draft.segmentId() != null) {
            // the segment's members the user may see, in id order, a page at a time
            long after = 0;
            List<Long> page;
            while (!(page = segments.customerIds(draft.segmentId(), after, BATCH)).isEmpty()) {
                after = page.get(page.size() - 1);
                List<Long> visible = user.seesAll() ? page
                        : page.stream().filter(c -> customers.findVisible(c).isPresent()).toList();
                invited[0] += surveys.insertNps(id, visible, campaign.language(), expiresAt, user.id(), user.teamId());
            }
        } else {
            try {
                customerList.stream(draft.query(), null, c -> {
                    batch.add(c.id());
                    if (batch.size() == BATCH) {
                        invited[0] += surveys.insertNps(id, batch, campaign.language(), expiresAt, user.id(), user.teamId());
                        batch.clear();
                    }
                });
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        invited[0] += surveys.insertNps(id, batch, campaign.language(), expiresAt, user.id(), user.teamId());
        surveys.setInvited(id, invited[0]);
        audit.record("survey-campaign", id, AuditAction.UPDATE, Map.of("invited", new Change(0, invited[0])),
                campaign.name());
        return invited[0];
    }

    @Transactional(readOnly = true)
    public SurveyCampaign campaign(long id) {
        return surveys.campaign(id).orElseThrow(() -> new NotFoundException("Survey campaign", id));
    }

    @Transactional(readOnly = true)
    public PageResult<SurveyCampaign> campaigns(int page, int size) {
        PageResult.checkRequest(page, size);
        return PageResult.fromProbe(surveys.campaigns(size + 1, (page - 1) * size), page, size);
    }

    // ---- invitations

    @Transactional(readOnly = true)
    public PageResult<SurveyInvitation> invitations(SurveyKind kind, Long campaignId, Long customerId, Boolean answered,
                                                    int page, int size) {
        PageResult.checkRequest(page, size);
        PageResult<SurveyInvitation> rows = PageResult.fromProbe(surveys.search(new Surveys.Query(kind, campaignId,
                customerId, answered), CurrentUser.get(), size + 1, (page - 1) * size), page, size);
        Map<Long, String> names = customers.names(rows.items().stream().map(SurveyInvitation::customerId).toList());
        return rows.map(i -> i.named(names.get(i.customerId())));
    }

    @Transactional(readOnly = true)
    public SurveyInvitation invitation(long id) {
        SurveyInvitation i = surveys.findVisible(id, CurrentUser.get())
                .orElseThrow(() -> new NotFoundException("Survey invitation", id));
        return i.named(customers.names(List.of(i.customerId())).get(i.customerId()));
    }

    /** The public path of an invitation's signed link, e.g. {@code /s/12.1767225600.abc…}. */
    public String link(SurveyInvitation invitation) {
        return "/s/" + links.token(invitation.id(), invitation.expiresAt());
    }

    // ---- answering (public, no login)

    /** The invitation a link names, with the customer's name; fails for tampered, unknown or expired links. */
    @Transactional(readOnly = true)
    public SurveyInvitation open(String token) {
        SurveyLinks.Signed signed = links.verify(token).orElseThrow(() -> new SurveyLinkException(Problem.INVALID));
        SurveyInvitation i = surveys.find(signed.invitationId())
                .filter(x -> x.expiresAt().getEpochSecond() == signed.expiresAt().getEpochSecond())
                .orElseThrow(() -> new SurveyLinkException(Problem.INVALID));
        if (!i.answered() && i.expired(Instant.now(clock))) {
            throw new SurveyLinkException(Problem.EXPIRED);
        }
        return i.named(customers.names(List.of(i.customerId())).get(i.customerId()));
    }

    /** Stores the one answer of a link and puts it on the customer's timeline. */
    @Transactional
    public SurveyInvitation answer(String token, Integer score, String comment) {
        SurveyInvitation i = open(token);
        if (i.answered()) {
            throw new SurveyLinkException(Problem.ANSWERED);
        }
        if (score == null) {
            throw new InvalidInputException("score", "validation.required");
        }
        if (!i.kind().accepts(score)) {
            throw new InvalidInputException("score", "survey.validation.score", i.kind().min(), i.kind().max());
        }
        String text = comment == null || comment.isBlank() ? null : comment.strip();
        if (text != null && text.length() > 2000) {
            throw new InvalidInputException("comment", "survey.validation.comment", 2000);
        }
        Instant now = Instant.now(clock);
        if (!surveys.answer(i.id(), score, text, now)) {
            throw new SurveyLinkException(surveys.find(i.id()).map(SurveyInvitation::answered).orElse(false)
                    ? Problem.ANSWERED : Problem.EXPIRED);
        }
        events.publishEvent(new TimelineEntry(i.customerId(), now, "SURVEY_ANSWERED", "service", "survey:" + i.id(),
                i.kind() + " " + score + "/" + i.kind().max(), text, i.customerName()));
        return surveys.find(i.id()).orElseThrow().named(i.customerName());
    }

    public static Locale locale(SurveyInvitation i) {
        return "en".equals(i.language()) ? Locale.ENGLISH : Locale.SIMPLIFIED_CHINESE;
    }

    private static CurrentUser requireCampaigner() {
        CurrentUser user = CurrentUser.get();
        if (!CAMPAIGNERS.contains(user.role())) {
            throw new AccessDeniedException("Role " + user.role() + " may not run survey campaigns");
        }
        return user;
    }
}
