package dev.guanxi.crm.common.internal;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.ResponseEntity;
import org.springframework.web.HttpMediaTypeNotAcceptableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.NoHandlerFoundException;
import org.springframework.web.servlet.resource.NoResourceFoundException;

/**
 * Problem details also for API requests that no controller method takes: a path the API does not have (404), a
 * method the path does not have (405), a body type (415) or an answer type (406) none of its methods handles. Spring
 * raises these before it has chosen a controller, so {@link ApiProblemHandler}, which serves the REST controllers,
 * never sees them, and they reached Spring Boot's error page as plain JSON. Ordered after {@link ApiProblemHandler};
 * requests outside {@code /api/} are left to the error page as before (rethrowing the same exception hands it on to
 * Spring's default handling).
 */
@ControllerAdvice
class ApiUnmatchedRequestProblems {

    private final ApiProblemHandler problems;

    ApiUnmatchedRequestProblems(ApiProblemHandler problems) {
        this.problems = problems;
    }

    @ExceptionHandler({NoHandlerFoundException.class, NoResourceFoundException.class,
            HttpRequestMethodNotSupportedException.class, HttpMediaTypeNotSupportedException.class,
            HttpMediaTypeNotAcceptableException.class})
    ResponseEntity<Object> unmatched(Exception ex, HttpServletRequest request, WebRequest web) throws Exception {
        if (!ApiSkipsFlashMaps.isApi(request)) {
            throw ex;
        }
        return problems.handleException(ex, web);
    }
}
