package org.haven.security.internal;

import java.io.IOException;
import java.util.Locale;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.context.MessageSource;
import org.springframework.web.servlet.LocaleResolver;

/**
 * RFC 9457 problem+json bodies written by the security filters, which run before Spring MVC and its
 * {@code ApiExceptionHandler}. Same shape as that handler's answers, and in the caller's language the same way
 * (the {@code haven-lang} cookie, else {@code Accept-Language}, through the application's {@link LocaleResolver}).
 */
final class ProblemResponses {

    private final MessageSource messages;
    private final LocaleResolver locales;

    /** {@code locales} may be null (no web MVC): the request's {@code Accept-Language} decides. */
    ProblemResponses(MessageSource messages, LocaleResolver locales) {
        this.messages = messages;
        this.locales = locales;
    }

    /** Writes the problem with title and detail from the message bundle ({@code i18n/security}). */
    void localized(HttpServletRequest request, HttpServletResponse response, int status, String titleCode,
            String detailCode) throws IOException {
        Locale locale = locales == null ? request.getLocale() : locales.resolveLocale(request);
        write(request, response, status, messages.getMessage(titleCode, null, locale),
                messages.getMessage(detailCode, null, locale));
    }

    static void write(HttpServletRequest request, HttpServletResponse response, int status, String title,
            String detail) throws IOException {
        if (response.isCommitted()) {
            return;
        }
        response.setStatus(status);
        response.setContentType("application/problem+json");
        response.setCharacterEncoding("UTF-8");
        response.getWriter().write("{\"type\":\"about:blank\",\"title\":" + quote(title) + ",\"status\":" + status
                + ",\"detail\":" + quote(detail) + ",\"instance\":" + quote(request.getRequestURI()) + "}");
        response.getWriter().flush();
    }

    static String quote(String s) {
        StringBuilder out = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }
}
