package org.haven.security.internal;

import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.haven.security.AccessAction;
import org.haven.security.AccessPolicy;
import org.haven.security.CurrentUser;
import org.haven.security.Permission;
import org.haven.shared.web.NotFound;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.HandlerMapping;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Decides object reach before a write's body is read (finding F4): a write to a case or a proceeding the user cannot
 * see at all answers 404 whatever the body holds, instead of 400 for an incomplete body. The interceptor runs after
 * the handler is chosen and before its arguments are bound, so neither the JSON reader nor a form's validation sees
 * the request first. It only refuses: a user who can see the record goes on to the service, which decides the write
 * itself; a user whose role gives no access to such records at all is left to the service's 403.
 */
@Configuration
class ObjectReachGuard implements WebMvcConfigurer, HandlerInterceptor {

    /** Path prefixes (as in the handler mapping) whose {id} names a record of a resource type, and its read authority. */
    private static final Map<String, Object[]> GUARDED = Map.of(
            "/api/v1/cases/{id}", new Object[] {"case", Permission.CASE_READ},
            "/cases/{id}", new Object[] {"case", Permission.CASE_READ},
            "/api/v1/proceedings/{id}", new Object[] {"proceeding", Permission.PROCEEDING_READ},
            "/proceedings/{id}", new Object[] {"proceeding", Permission.PROCEEDING_READ});

    private final AccessPolicy policy;

    ObjectReachGuard(AccessPolicy policy) {
        this.policy = policy;
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(this);
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        String method = request.getMethod();
        if ("GET".equals(method) || "HEAD".equals(method) || "OPTIONS".equals(method)) {
            return true;
        }
        Object pattern = request.getAttribute(HandlerMapping.BEST_MATCHING_PATTERN_ATTRIBUTE);
        if (!(pattern instanceof String path)) {
            return true;
        }
        Object[] guarded = guardFor(path);
        if (guarded == null) {
            return true;
        }
        Optional<CurrentUser> user = CurrentUser.find();
        UUID id = id(request);
        if (user.isEmpty() || id == null || !user.get().can((Permission) guarded[1])) {
            return true;
        }
        if (!policy.decide(user.get(), (String) guarded[0], id, AccessAction.READ, null).granted()) {
            throw new NotFound((String) guarded[0]);
        }
        return true;
    }

    private static Object[] guardFor(String path) {
        for (Map.Entry<String, Object[]> e : GUARDED.entrySet()) {
            if (path.equals(e.getKey()) || path.startsWith(e.getKey() + "/")) {
                return e.getValue();
            }
        }
        return null;
    }

    private static UUID id(HttpServletRequest request) {
        Object vars = request.getAttribute(HandlerMapping.URI_TEMPLATE_VARIABLES_ATTRIBUTE);
        if (!(vars instanceof Map<?, ?> map) || !(map.get("id") instanceof String s)) {
            return null;
        }
        try {
            return UUID.fromString(s);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
