package org.haven.web;

import java.util.Locale;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.LocaleResolver;
import org.springframework.web.servlet.support.RequestContextUtils;

/**
 * Switches the language on {@code ?lang=en} or {@code ?lang=km}; any other value is ignored, so the locale cookie
 * only ever holds a language Haven has.
 */
class SupportedLocaleGuard implements HandlerInterceptor {

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        String lang = request.getParameter("lang");
        if ("en".equals(lang) || "km".equals(lang)) {
            LocaleResolver resolver = RequestContextUtils.getLocaleResolver(request);
            if (resolver != null) {
                resolver.setLocale(request, response, Locale.forLanguageTag(lang));
            }
        }
        return true;
    }
}
