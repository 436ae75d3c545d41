package org.haven.web;

import java.net.URI;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import org.haven.shared.web.Conflict;
import org.haven.shared.web.Forbidden;
import org.haven.shared.web.InvalidInput;
import org.haven.shared.web.NotFound;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.TypeMismatchException;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import tools.jackson.core.JacksonException;
import tools.jackson.core.exc.InputCoercionException;
import tools.jackson.core.exc.StreamReadException;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.exc.PropertyBindingException;

/**
 * Every error of the JSON API (every {@code @RestController}) as RFC 9457 problem+json, never with a stack trace.
 * It runs before the page-oriented advices, which would otherwise also match REST controllers ({@code @RestController}
 * is a {@code @Controller}). Pages get the status from the exceptions' {@code @ResponseStatus} and Boot's error page. Field errors are
 * listed under {@code errors}, each with the field (a JSON path such as {@code services[2].startedOn}), a stable code
 * and a message. Titles, details and messages are in the request's language (the same locale as the pages: the
 * language cookie, else Accept-Language); codes never change with it. A JSON body that cannot be read answers 400 in
 * the same shape, naming the field whose value is malformed; neither the body nor the parser's message is echoed (a
 * body may hold names). Unexpected failures are logged with the request id only: messages of arbitrary exceptions may
 * carry personal data, so they do not reach the client or the log line.
 */
@RestControllerAdvice(annotations = org.springframework.web.bind.annotation.RestController.class)
@org.springframework.core.annotation.Order(org.springframework.core.Ordered.HIGHEST_PRECEDENCE + 10)
class ApiExceptionHandler extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ApiExceptionHandler.class);

    private final MessageSource messages;

    ApiExceptionHandler(MessageSource messages) {
        this.messages = messages;
        setMessageSource(messages);
    }

    @ExceptionHandler(NotFound.class)
    ProblemDetail notFound(NotFound e) {
        return problem(HttpStatus.NOT_FOUND, "api.error.notFound.title", "Not found",
                text("api.error.notFound.detail", "The record does not exist or is not within your reach."));
    }

    @ExceptionHandler(Forbidden.class)
    ProblemDetail forbidden(Forbidden e) {
        // The thrower's message is English and has no key: other languages get the general sentence.
        return problem(HttpStatus.FORBIDDEN, "api.error.forbidden.title", "Forbidden",
                english() ? e.getMessage() : text("api.error.forbidden.detail", e.getMessage()));
    }

    @ExceptionHandler(AccessDeniedException.class)
    ProblemDetail accessDenied(AccessDeniedException e) {
        return problem(HttpStatus.FORBIDDEN, "api.error.forbidden.title", "Forbidden",
                text("api.error.forbidden.detail", "Your roles do not allow this action."));
    }

    @ExceptionHandler(Conflict.class)
    ProblemDetail conflict(Conflict e) {
        ProblemDetail p = problem(HttpStatus.CONFLICT, "api.error.conflict.title", "Conflict",
                localized(e.code(), e.getMessage()));
        p.setProperty("code", e.code());
        return p;
    }

    @ExceptionHandler(OptimisticLockingFailureException.class)
    ProblemDetail stale(OptimisticLockingFailureException e) {
        ProblemDetail p = problem(HttpStatus.CONFLICT, "api.error.conflict.title", "Conflict", text("api.error.stale.detail",
                "Someone else changed this record since you loaded it. Reload it and apply your change again."));
        p.setProperty("code", "stale");
        return p;
    }

    @ExceptionHandler(InvalidInput.class)
    ProblemDetail invalid(InvalidInput e) {
        List<InvalidInput.FieldError> errors = e.errors().stream()
                .map(f -> new InvalidInput.FieldError(f.field(), f.code(), localized(f.code(), f.message())))
                .toList();
        return invalid(HttpStatus.BAD_REQUEST, errors.isEmpty()
                ? text("api.error.invalid.detail", "Some fields are not valid.") : errors.get(0).message(), errors);
    }

    @ExceptionHandler({org.springframework.transaction.CannotCreateTransactionException.class,
            org.springframework.dao.DataAccessResourceFailureException.class,
            org.springframework.dao.TransientDataAccessException.class})
    ResponseEntity<ProblemDetail> databaseUnavailable(Exception e) {
        // Transient failures (resource gone, lock or query timeouts) may succeed on retry: 503 with Retry-After.
        // Optimistic-lock conflicts are transient too, but the more specific handler above answers them with 409.
        log.warn("Database unavailable: {}", e.getClass().getSimpleName());
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).header(HttpHeaders.RETRY_AFTER, "10")
                .body(problem(HttpStatus.SERVICE_UNAVAILABLE, "api.error.unavailable.title", "Service unavailable",
                        text("api.error.unavailable.detail",
                                "The database is not reachable at the moment. Try again in a few seconds.")));
    }

    @ExceptionHandler(IllegalArgumentException.class)
    ProblemDetail illegalArgument(IllegalArgumentException e) {
        return problem(HttpStatus.BAD_REQUEST, "api.error.invalid.title", "Invalid input",
                text("api.error.badRequest.detail", "The request is not valid."));
    }

    @ExceptionHandler(Exception.class)
    ProblemDetail unexpected(Exception e) {
        log.error("Unexpected failure: {}", e.getClass().getName());
        return problem(HttpStatus.INTERNAL_SERVER_ERROR, "api.error.internal.title", "Internal error",
                text("api.error.internal.detail", "Something went wrong. The error has been logged."));
    }

    @Override
    protected ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException ex,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        Locale locale = LocaleContextHolder.getLocale();
        List<InvalidInput.FieldError> errors = ex.getBindingResult().getFieldErrors().stream()
                .map(f -> new InvalidInput.FieldError(f.getField(), String.valueOf(f.getCode()),
                        messages.getMessage(f, locale)))
                .toList();
        return ResponseEntity.badRequest().body(invalid(HttpStatus.BAD_REQUEST,
                text("api.error.invalid.detail", "Some fields are not valid."), errors));
    }

    /**
     * A JSON body Jackson cannot read. A value of the wrong shape (a date that is no date, text for a number, an
     * unknown enum constant) names its field by JSON path; broken syntax or a missing body is an error of the whole
     * request. Jackson's own message is not used: it quotes the offending value.
     */
    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException ex,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        JacksonException jackson = cause(ex, JacksonException.class);
        InvalidInput.FieldError error;
        if (jackson instanceof MismatchedInputException || jackson instanceof InputCoercionException) {
            String field = path(jackson);
            String kind = jackson instanceof InputCoercionException ? "integer"
                    : kind(((MismatchedInputException) jackson).getTargetType());
            if (jackson instanceof PropertyBindingException) {
                kind = "unknown";
            }
            error = fieldError(field.isEmpty() ? null : field, kind);
        } else if (jackson instanceof StreamReadException) {
            error = bodyError("malformed", "The request body is not valid JSON.");
        } else if (jackson == null && String.valueOf(ex.getMessage()).startsWith("Required request body is missing")) {
            error = bodyError("missing", "The request body is missing.");
        } else {
            error = bodyError("unreadable", "The request body cannot be read.");
        }
        return ResponseEntity.badRequest().body(invalid(HttpStatus.BAD_REQUEST, error.message(), List.of(error)));
    }

    /** A path variable or query parameter that does not convert (an id that is no UUID, a date that is no date). */
    @Override
    protected ResponseEntity<Object> handleTypeMismatch(TypeMismatchException ex, HttpHeaders headers,
            HttpStatusCode status, WebRequest request) {
        String field = ex instanceof MethodArgumentTypeMismatchException m ? m.getName() : ex.getPropertyName();
        InvalidInput.FieldError error = fieldError(field, kind(ex.getRequiredType()));
        return ResponseEntity.badRequest().body(invalid(HttpStatus.BAD_REQUEST, error.message(), List.of(error)));
    }

    @Override
    protected ResponseEntity<Object> handleMissingServletRequestParameter(MissingServletRequestParameterException ex,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        InvalidInput.FieldError error = fieldError(ex.getParameterName(), "required");
        return ResponseEntity.badRequest().body(invalid(HttpStatus.BAD_REQUEST, error.message(), List.of(error)));
    }

    // ---------------------------------------------------------------- helpers

    static final Map<String, String> FIELD_ENGLISH = Map.ofEntries(
            Map.entry("date", "Not a valid date: expected YYYY-MM-DD, for example 2026-03-31."),
            Map.entry("dateTime", "Not a valid date and time: expected ISO 8601, for example 2026-03-31T09:30:00Z."),
            Map.entry("time", "Not a valid time: expected HH:MM, for example 09:30."),
            Map.entry("yearMonth", "Not a valid month: expected YYYY-MM, for example 2026-03."),
            Map.entry("integer", "Not a valid whole number."),
            Map.entry("number", "Not a valid number."),
            Map.entry("boolean", "Not a valid value: expected true or false."),
            Map.entry("uuid", "Not a valid identifier: expected a UUID."),
            Map.entry("text", "Not a valid value: expected text."),
            Map.entry("list", "Not a valid value: expected a list."),
            Map.entry("object", "Not a valid value: expected an object."),
            Map.entry("code", "Unknown value."),
            Map.entry("unknown", "Unknown field."),
            Map.entry("invalid", "Not a valid value."),
            Map.entry("required", "This field is required."));

    /** What the target type expects, as the suffix of an {@code api.error.field.*} code. */
    static String kind(Class<?> type) {
        if (type == null) {
            return "invalid";
        }
        if (type == LocalDate.class) {
            return "date";
        }
        if (type == LocalDateTime.class || type == OffsetDateTime.class || type == ZonedDateTime.class
                || type == Instant.class) {
            return "dateTime";
        }
        if (type == LocalTime.class) {
            return "time";
        }
        if (type == YearMonth.class) {
            return "yearMonth";
        }
        if (type == int.class || type == long.class || type == short.class || type == byte.class
                || type == Integer.class || type == Long.class || type == Short.class || type == Byte.class
                || type == java.math.BigInteger.class) {
            return "integer";
        }
        if (type == double.class || type == float.class || Number.class.isAssignableFrom(type)) {
            return "number";
        }
        if (type == boolean.class || type == Boolean.class) {
            return "boolean";
        }
        if (type == UUID.class) {
            return "uuid";
        }
        if (type == char.class || CharSequence.class.isAssignableFrom(type) || type == Character.class) {
            return "text";
        }
        if (type.isArray() || Collection.class.isAssignableFrom(type)) {
            return "list";
        }
        if (type.isEnum()) {
            return "code";
        }
        if (type.isPrimitive() || type.getName().startsWith("java.")) {
            return "invalid";
        }
        return "object";
    }

    /** The JSON path of the value at fault: {@code services[2].startedOn}; empty for the whole body. */
    static String path(JacksonException e) {
        StringBuilder out = new StringBuilder();
        for (JacksonException.Reference r : e.getPath()) {
            if (r.getPropertyName() != null) {
                if (out.length() > 0) {
                    out.append('.');
                }
                out.append(r.getPropertyName());
            } else if (r.getIndex() >= 0) {
                out.append('[').append(r.getIndex()).append(']');
            }
        }
        if (e instanceof PropertyBindingException b && b.getPropertyName() != null
                && !out.toString().endsWith(b.getPropertyName())) {
            out.append(out.length() > 0 ? "." : "").append(b.getPropertyName());
        }
        return out.toString();
    }

    private InvalidInput.FieldError fieldError(String field, String kind) {
        String code = "api.error.field." + kind;
        return new InvalidInput.FieldError(field, code, text(code, FIELD_ENGLISH.get(kind)));
    }

    private InvalidInput.FieldError bodyError(String kind, String english) {
        String code = "api.error.body." + kind;
        return new InvalidInput.FieldError(null, code, text(code, english));
    }

    private ProblemDetail invalid(HttpStatus status, String detail, List<InvalidInput.FieldError> errors) {
        ProblemDetail p = problem(status, "api.error.invalid.title", "Invalid input", detail);
        List<Map<String, String>> list = new ArrayList<>();
        for (InvalidInput.FieldError f : errors) {
            Map<String, String> m = new LinkedHashMap<>();
            m.put("field", f.field() == null ? "" : f.field());
            m.put("code", f.code());
            m.put("message", f.message() == null ? "" : f.message());
            list.add(m);
        }
        p.setProperty("errors", list);
        return p;
    }

    private static <T extends Throwable> T cause(Throwable e, Class<T> type) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
        }
        return null;
    }

    private static boolean english() {
        return Locale.ENGLISH.getLanguage().equals(LocaleContextHolder.getLocale().getLanguage());
    }

    /** The message of {@code key} in the request's language. */
    private String text(String key, String english) {
        return messages.getMessage(key, null, english, LocaleContextHolder.getLocale());
    }

    /**
     * A thrower's message in the request's language: in English the thrower's own sentence (it may carry a limit or a
     * count); otherwise the message its code names, unless that needs arguments the thrower did not pass.
     */
    private String localized(String code, String english) {
        if (english() || code == null) {
            return english;
        }
        String text = messages.getMessage(code, null, null, LocaleContextHolder.getLocale());
        return text == null || text.contains("{0") ? english : text;
    }

    private ProblemDetail problem(HttpStatus status, String titleKey, String title, String detail) {
        ProblemDetail p = ProblemDetail.forStatusAndDetail(status, detail);
        p.setTitle(text(titleKey, title));
        p.setType(URI.create("about:blank"));
        return p;
    }
}
