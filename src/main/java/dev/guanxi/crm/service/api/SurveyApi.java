package dev.guanxi.crm.service.api;

import dev.guanxi.crm.common.PageResult;
import dev.guanxi.crm.common.Versions;
import dev.guanxi.crm.service.internal.SurveyCampaign;
import dev.guanxi.crm.service.internal.SurveyCampaignDraft;
import dev.guanxi.crm.service.internal.SurveyInvitation;
import dev.guanxi.crm.service.internal.SurveyKind;
import dev.guanxi.crm.service.internal.SurveyReports;
import dev.guanxi.crm.service.internal.SurveyService;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

import java.time.LocalDate;

/** REST API for satisfaction surveys: invitations and their links, NPS campaigns, answers, the CSAT/NPS report. */
@RestController
@RequestMapping("/api/v1/surveys")
@Tag(name = "Satisfaction surveys")
class SurveyApi {

    private final SurveyService surveys;
    private final SurveyReports reports;

    SurveyApi(SurveyService surveys, SurveyReports reports) {
        this.surveys = surveys;
        this.reports = reports;
    }

    /** An invitation with its public link (path, relative to the application's address). */
    record InvitationView(SurveyInvitation invitation, String link) {
    }

    @GetMapping("/invitations")
    PageResult<InvitationView> invitations(@RequestParam(required = false) SurveyKind kind,
                                           @RequestParam(required = false) Long campaignId,
                                           @RequestParam(required = false) Long customerId,
                                           @RequestParam(required = false) Boolean answered,
                                           @RequestParam(defaultValue = "1") int page,
                                           @RequestParam(defaultValue = "50") int size) {
        return surveys.invitations(kind, campaignId, customerId, answered, page, size)
                .map(i -> new InvitationView(i, surveys.link(i)));
    }

    @GetMapping("/invitations/{id}")
    InvitationView invitation(@PathVariable long id) {
        SurveyInvitation i = surveys.invitation(id);
        return new InvitationView(i, surveys.link(i));
    }

    record Answer(@NotBlank(message = "{validation.required}") @Size(max = 300, message = "{validation.size.max}") String token,
                  Integer score, @Size(max = 2000, message = "{validation.size.max}") String comment) {
    }

    @PostMapping("/answers")
    @Operation(summary = "Record the answer of a survey link (e.g. collected by phone or a mini-program): "
            + "404 for a tampered link, 410 when expired, 409 when already answered")
    ResponseEntity<SurveyInvitation> answer(@Valid @RequestBody Answer body) {
        return ResponseEntity.status(HttpStatus.CREATED).body(surveys.answer(body.token(), body.score(), body.comment()));
    }

    @GetMapping("/campaigns")
    PageResult<SurveyCampaign> campaigns(@RequestParam(defaultValue = "1") int page,
                                         @RequestParam(defaultValue = "50") int size) {
        return surveys.campaigns(page, size);
    }

    @GetMapping("/campaigns/{id}")
    ResponseEntity<SurveyCampaign> campaign(@PathVariable long id) {
        SurveyCampaign c = surveys.campaign(id);
        return Versions.ok(c, c.version());
    }

    @PostMapping("/campaigns")
    @Operation(summary = "Create an NPS campaign targeting the customers matching the given customer-list filters "
            + "(marketing segments will be accepted once available)")
    ResponseEntity<SurveyCampaign> createCampaign(@Valid @RequestBody SurveyCampaignDraft body) {
        long id = surveys.createCampaign(body);
        SurveyCampaign c = surveys.campaign(id);
        return Versions.created(ServletUriComponentsBuilder.fromCurrentRequest().path("/{id}").build(id), c, c.version());
    }

    @PostMapping("/campaigns/{id}/send")
    @Operation(summary = "Send the campaign once (send If-Match): one signed link per matching visible customer")
    ResponseEntity<SurveyCampaign> send(@PathVariable long id,
                                        @RequestHeader(name = "If-Match", required = false) String ifMatch,
                                        @RequestParam(required = false) Integer version) {
        surveys.sendCampaign(id, Versions.expected(ifMatch, version));
        SurveyCampaign c = surveys.campaign(id);
        return Versions.ok(c, c.version());
    }

    @GetMapping("/report")
    @Operation(summary = "CSAT (mean, % satisfied 4–5) per agent, team, week or month, and NPS (% promoters − % "
            + "detractors, 0–10 distribution) per campaign and month; dates are inclusive business days")
    SurveyReports.Report report(@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
                                @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to,
                                @RequestParam(required = false) SurveyReports.CsatGroup by) {
        return reports.report(from, to, by);
    }
}
