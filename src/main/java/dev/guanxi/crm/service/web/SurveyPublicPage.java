package dev.guanxi.crm.service.web;

import dev.guanxi.crm.common.InvalidInputException;
import dev.guanxi.crm.service.internal.SurveyInvitation;
import dev.guanxi.crm.service.internal.SurveyLinkException;
import dev.guanxi.crm.service.internal.SurveyService;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.LocaleResolver;

import java.util.stream.IntStream;

/**
 * The public answer page of a survey link (no login): the question in the invitation's language (switchable with
 * ?lang=), one answer per link, a friendly page for tampered (404), expired (410) and answered (409) links. Shows
 * nothing of the customer beyond their name.
 */
@Controller
class SurveyPublicPage {

    private final SurveyService surveys;
    private final LocaleResolver locales;

    SurveyPublicPage(SurveyService surveys, LocaleResolver locales) {
        this.surveys = surveys;
        this.locales = locales;
    }

    @GetMapping("/s/{token}")
    String show(@PathVariable String token, HttpServletRequest request, HttpServletResponse response, Model model) {
        try {
            SurveyInvitation i = surveys.open(token);
            language(i, request, response);
            return page(model, i, i.answered() ? "answered" : "form");
        } catch (SurveyLinkException e) {
            return problem(e, response, model);
        }
    }

    @PostMapping("/s/{token}")
    String answer(@PathVariable String token, @RequestParam(required = false) String score,
                  @RequestParam(required = false) String comment, HttpServletRequest request,
                  HttpServletResponse response, Model model) {
        SurveyInvitation i;
        try {
            i = surveys.open(token);
        } catch (SurveyLinkException e) {
            return problem(e, response, model);
        }
        language(i, request, response);
        try {
            Integer value = score == null || !score.strip().matches("\\d{1,2}") ? null : Integer.valueOf(score.strip());
            if (value == null && score != null && !score.isBlank()) {
                throw new InvalidInputException("score", "survey.validation.score", i.kind().min(), i.kind().max());
            }
            SurveyInvitation answered = surveys.answer(token, value, comment);
            return page(model, answered, "thanks");
        } catch (SurveyLinkException e) {
            return problem(e, response, model);
        } catch (InvalidInputException e) {
            response.setStatus(HttpStatus.BAD_REQUEST.value());
            model.addAttribute("error", e.problems().get(0));
            model.addAttribute("comment", comment);
            return page(model, i, "form");
        }
    }

    /** The invitation's language unless the visitor chose one with ?lang=. */
    private void language(SurveyInvitation i, HttpServletRequest request, HttpServletResponse response) {
        if (request.getParameter("lang") == null) {
            locales.setLocale(request, response, SurveyService.locale(i));
        }
    }

    private static String page(Model model, SurveyInvitation i, String state) {
        model.addAttribute("state", state);
        model.addAttribute("kind", i.kind().name());
        model.addAttribute("name", i.customerName());
        model.addAttribute("scores", IntStream.rangeClosed(i.kind().min(), i.kind().max()).boxed().toList());
        model.addAttribute("score", i.score());
        return "service/public-survey";
    }

    private static String problem(SurveyLinkException e, HttpServletResponse response, Model model) {
        response.setStatus(e.getStatusCode().value());
        model.addAttribute("state", e.problem().name().toLowerCase());
        return "service/public-survey";
    }
}
