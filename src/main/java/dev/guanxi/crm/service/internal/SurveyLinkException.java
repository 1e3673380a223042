package dev.guanxi.crm.service.internal;

import org.springframework.http.HttpStatus;
import org.springframework.web.server.ResponseStatusException;

/** A survey link that cannot be answered: unknown or tampered (404), expired (410) or already answered (409). */
public class SurveyLinkException extends ResponseStatusException {

    public enum Problem {
        INVALID(HttpStatus.NOT_FOUND, "This survey link is not valid."),
        EXPIRED(HttpStatus.GONE, "This survey link has expired."),
        ANSWERED(HttpStatus.CONFLICT, "This survey was already answered; each link takes one answer.");

        private final HttpStatus status;
        private final String text;

        Problem(HttpStatus status, String text) {
            this.status = status;
            this.text = text;
        }
    }

    private final Problem problem;

    public SurveyLinkException(Problem problem) {
        super(problem.status, problem.text);
        this.problem = problem;
    }

    public Problem problem() {
        return problem;
    }
}
