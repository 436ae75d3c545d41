package org.haven.places.web;

import org.haven.shared.web.NotFound;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** 404 of {@code /api/v1/places} as problem+json, ahead of page-oriented advice that would render HTML. */
@Order(Ordered.HIGHEST_PRECEDENCE)
@RestControllerAdvice(assignableTypes = PlaceApiController.class)
class PlaceApiErrors {

    @ExceptionHandler(NotFound.class)
    ProblemDetail notFound() {
        ProblemDetail p = ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, "No place has this code.");
        p.setTitle("Not found");
        return p;
    }
}
