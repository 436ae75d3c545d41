package org.haven.cases.web;

import java.net.URI;

import org.haven.shared.web.Forbidden;
import org.haven.shared.web.NotFound;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * Keeps the case API's denials problem+json. Known wart: {@code security.web.AdminPageErrors} declares
 * {@code basePackageClasses} together with {@code annotations = Controller.class}; Spring ORs those selectors, so it
 * also catches NotFound/Forbidden of every REST controller and renders the HTML error page. Until that is narrowed,
 * this advice (same answers as {@code web.ApiExceptionHandler}) takes precedence for the case API only.
 */
@RestControllerAdvice(assignableTypes = CaseApiController.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
class CaseApiErrors {

    @ExceptionHandler(NotFound.class)
    ProblemDetail notFound(NotFound e) {
        return problem(HttpStatus.NOT_FOUND, "Not found", "The record does not exist or is not within your reach.");
    }

    @ExceptionHandler(Forbidden.class)
    ProblemDetail forbidden(Forbidden e) {
        return problem(HttpStatus.FORBIDDEN, "Forbidden", e.getMessage());
    }

    private static ProblemDetail problem(HttpStatus status, String title, String detail) {
        ProblemDetail p = ProblemDetail.forStatusAndDetail(status, detail);
        p.setTitle(title);
        p.setType(URI.create("about:blank"));
        return p;
    }
}
