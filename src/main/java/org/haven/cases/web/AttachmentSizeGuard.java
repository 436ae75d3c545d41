package org.haven.cases.web;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.haven.cases.CaseSettings;
import org.springframework.boot.security.autoconfigure.web.servlet.SecurityFilterProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.MessageSource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.multipart.MaxUploadSizeExceededException;
import org.springframework.web.multipart.MultipartException;
import org.springframework.web.multipart.support.StandardMultipartHttpServletRequest;

/**
 * Answers an attachment upload that is too large before anything reads its body. Without it the servlet's multipart
 * limit trips while the request is parsed, before any controller runs — and on the pages even before the CSRF check,
 * which then cannot find its token — so the user got the general error page instead of a message next to the file
 * field. Here, an upload whose declared length exceeds the attachment limit (plus room for the form's other fields)
 * is answered at once: the page with a redirect to the case page, where the attachment form shows the message in the
 * reader's language (the case page makes its own access decision); the API with 413 problem+json naming the field
 * {@code file}. The body is read and discarded up to a bound so that the browser, still sending, sees the answer
 * instead of a reset connection. The real limit stays enforced: uploads within this length are checked exactly by
 * {@code AttachmentInspector}, and {@code spring.servlet.multipart.*} stays the hard cap for everything else. An
 * upload without a declared length (chunked) is parsed here against that cap, so that one over it gets the same
 * answers instead of the servlet's generic error.
 */
@Configuration(proxyBeanMethods = false)
class AttachmentSizeGuard {

    /** Room for the multipart boundaries, headers and the CSRF field around the file. */
    static final long FORM_OVERHEAD = 64 * 1024;

    /** At most this much of a refused body is drained; past it the connection is simply closed. */
    static final long DRAIN_MAX = 64L * 1024 * 1024;

    private static final Pattern PAGE = Pattern.compile("/cases/([0-9a-fA-F-]{36})/attachments");
    private static final Pattern API = Pattern.compile("/api/v1/cases/([0-9a-fA-F-]{36})/attachments");

    @Bean
    FilterRegistrationBean<OncePerRequestFilter> attachmentSizeGuardFilter(CaseSettings settings,
            MessageSource messages) {
        FilterRegistrationBean<OncePerRequestFilter> registration = new FilterRegistrationBean<>(
                new Guard(settings.attachmentMaxBytes() + FORM_OVERHEAD, messages));
        registration.addUrlPatterns("/cases/*", "/api/v1/cases/*");
        // Before Spring Security's filter chain: its CSRF check would parse the oversized body first.
        registration.setOrder(SecurityFilterProperties.DEFAULT_FILTER_ORDER - 5);
        return registration;
    }

    static final class Guard extends OncePerRequestFilter {

        private final long maxLength;
        private final MessageSource messages;

        Guard(long maxLength, MessageSource messages) {
            this.maxLength = maxLength;
            this.messages = messages;
        }

        @Override
        protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                throws ServletException, IOException {
            if (!"POST".equals(request.getMethod())) {
                chain.doFilter(request, response);
                return;
            }
            String path = request.getRequestURI().substring(request.getContextPath().length());
            Matcher api = API.matcher(path);
            Matcher page = PAGE.matcher(path);
            if (!api.matches() && !page.matches()) {
                chain.doFilter(request, response);
                return;
            }
            long length = request.getContentLengthLong();
            boolean tooLarge = length > maxLength || (length < 0 && chunkedOverLimit(request));
            if (!tooLarge) {
                chain.doFilter(request, response);
            } else if (api.matches()) {
                drain(request);
                Locale locale = request.getLocale();
                String message = messages.getMessage("cases.error.fileTooLarge", null, "The file is too large.", locale);
                String title = messages.getMessage("api.error.invalid.title", null, "Invalid input", locale);
                response.setStatus(413);
                response.setContentType("application/problem+json");
                response.setCharacterEncoding(StandardCharsets.UTF_8.name());
                response.getWriter().write("{\"type\":\"about:blank\",\"title\":" + json(title) + ",\"status\":413,"
                        + "\"detail\":" + json(message) + ",\"instance\":" + json(path) + ",\"errors\":[{\"field\":\"file\","
                        + "\"code\":\"cases.error.fileTooLarge\",\"message\":" + json(message) + "}]}");
            } else {
                drain(request);
                response.setStatus(HttpServletResponse.SC_SEE_OTHER);
                response.setHeader("Location", request.getContextPath() + "/cases/" + page.group(1)
                        + "?upload=tooLarge#attachments");
            }
        }

        /**
         * A body sent without a declared length (chunked) cannot be judged up front: its multipart parts are parsed
         * here, against the servlet's multipart limits, before anything else reads them (the container keeps the
         * parsed parts for the rest of the request). Only a size limit counts here; any other parse failure is left
         * to the usual handling further on, which meets the same cached failure.
         */
        private static boolean chunkedOverLimit(HttpServletRequest request) {
            String type = request.getContentType();
            if (type == null || !type.toLowerCase(Locale.ROOT).startsWith("multipart/")) {
                return false;
            }
            try {
                new StandardMultipartHttpServletRequest(request);
                return false;
            } catch (MaxUploadSizeExceededException e) {
                return true;
            } catch (MultipartException e) {
                return false;
            }
        }

        /**
         * Reads and discards what is left of a refused body, at most {@link #DRAIN_MAX} bytes in all. A body whose
         * parsing already failed has its stream closed by the container, which then deals with the rest itself.
         */
        private static void drain(HttpServletRequest request) {
            if (request.getContentLengthLong() > DRAIN_MAX) {
                return;
            }
            byte[] buffer = new byte[64 * 1024];
            long read = 0;
            try (InputStream in = request.getInputStream()) {
                int n;
                while (read < DRAIN_MAX && (n = in.read(buffer)) >= 0) {
                    read += n;
                }
            } catch (IOException | IllegalStateException e) {
                // closed after a failed parse, or the client went away: nothing left to drain
            }
        }

        private static String json(String s) {
            StringBuilder out = new StringBuilder("\"");
            for (char c : s.toCharArray()) {
                if (c == '"' || c == '\\') {
                    out.append('\\').append(c);
                } else if (c < 0x20) {
                    out.append(String.format("\\u%04x", (int) c));
                } else {
                    out.append(c);
                }
            }
            return out.append('"').toString();
        }
    }
}
