package org.haven.prevention.web;

import org.haven.shared.web.Forbidden;
import org.haven.shared.web.NotFound;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * 403 and 404 of this module's JSON API as problem+json, ahead of any page-oriented advice that would render the
 * HTML error page instead (a page advice declared with {@code annotations = Controller.class} also matches REST
 * controllers). Other errors fall through to the web module's {@code ApiExceptionHandler}.
 */
@Order(Ordered.HIGHEST_PRECEDENCE)
@RestControllerAdvice(assignableTypes = {OutreachApiController.class, TipApiController.class})
class PreventionApiErrors {

    @ExceptionHandler(NotFound.class)
    ProblemDetail notFound() {
        ProblemDetail p = ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND,
                "The record does not exist or is not within your reach.");
        p.setTitle("Not found");
        return p;
    }

    @ExceptionHandler(Forbidden.class)
    ProblemDetail forbidden(Forbidden e) {
        ProblemDetail p = ProblemDetail.forStatusAndDetail(HttpStatus.FORBIDDEN, e.getMessage());
        p.setTitle("Forbidden");
        return p;
    }
}
