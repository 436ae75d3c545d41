package org.haven.web;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.ErrorResponse;
import org.springframework.web.HttpMediaTypeNotAcceptableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.servlet.resource.NoResourceFoundException;

/**
 * Errors raised while Spring MVC is still looking for a handler — a method the address does not take (405), a body
 * type it does not read (415), an answer type it cannot give (406), an address with nothing behind it (404). No
 * controller is known yet, so {@link ApiExceptionHandler} (which advises the API's controllers) does not see them;
 * under {@code /api/} they are answered here as problem+json in the caller's language, with the same message codes
 * Spring uses ({@code problemDetail.title.<exception>}, {@code problemDetail.<exception>} in {@code i18n/web}).
 * Elsewhere the exception goes on to Spring's own handling and the error page.
 */
@RestControllerAdvice
@Order(Ordered.LOWEST_PRECEDENCE)
class ApiRoutingErrors {

    private final MessageSource messages;

    ApiRoutingErrors(MessageSource messages) {
        this.messages = messages;
    }

    @ExceptionHandler({HttpRequestMethodNotSupportedException.class, HttpMediaTypeNotSupportedException.class,
            HttpMediaTypeNotAcceptableException.class, NoResourceFoundException.class})
    ResponseEntity<ProblemDetail> routing(Exception e, HttpServletRequest request) throws Exception {
        if (!request.getRequestURI().startsWith(request.getContextPath() + "/api/")) {
            throw e; // pages: Spring's default handling (status and error page)
        }
        ErrorResponse error = (ErrorResponse) e;
        ProblemDetail body = error.updateAndGetBody(messages, LocaleContextHolder.getLocale());
        body.setInstance(java.net.URI.create(request.getRequestURI()));
        return ResponseEntity.status(error.getStatusCode()).headers(error.getHeaders())
                .contentType(MediaType.APPLICATION_PROBLEM_JSON).body(body);
    }
}
