package org.haven.prevention.web;

import java.util.List;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.haven.security.CurrentUser;
import org.haven.shared.web.Conflict;
import org.haven.shared.web.Forbidden;
import org.haven.shared.web.NotFound;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;

/**
 * The shared exceptions on this module's HTML pages: the status and the shared error page (the JSON API gets
 * problem+json from the web module's handler instead). Exception handlers do not get the layout's model attributes,
 * so the few the layout needs are supplied here. Ordered first: another module's page advice declared with
 * {@code annotations = Controller.class} matches every controller (selectors of an advice are OR-ed).
 */
@org.springframework.core.annotation.Order(org.springframework.core.Ordered.HIGHEST_PRECEDENCE)
@ControllerAdvice(assignableTypes = {OutreachController.class, TipTriageController.class,
        PreventionAdminController.class, PublicController.class, TargetingController.class})
class PreventionPageErrors {

    @ExceptionHandler(NotFound.class)
    String notFound(HttpServletRequest request, HttpServletResponse response, Model model) {
        return error(404, request, response, model);
    }

    @ExceptionHandler(Forbidden.class)
    String forbidden(HttpServletRequest request, HttpServletResponse response, Model model) {
        return error(403, request, response, model);
    }

    @ExceptionHandler(Conflict.class)
    String conflict(HttpServletRequest request, HttpServletResponse response, Model model) {
        return error(409, request, response, model);
    }

    private static String error(int status, HttpServletRequest request, HttpServletResponse response, Model model) {
        response.setStatus(status);
        model.addAttribute("status", status);
        model.addAttribute("me", CurrentUser.find().orElse(null));
        model.addAttribute("nav", List.of());
        String base = request.getRequestURI() + "?lang=";
        model.addAttribute("langLinks", Map.of("en", base + "en", "km", base + "km"));
        return "error";
    }
}
