package org.haven.security.web;

import jakarta.servlet.http.HttpServletResponse;
import org.haven.shared.web.Forbidden;
import org.haven.shared.web.NotFound;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;

/** Refusals on this module's pages render the shared error page with 404 or 403 (never a stack trace). */
@ControllerAdvice(basePackageClasses = AdminPageErrors.class, annotations = Controller.class)
class AdminPageErrors {

    @ExceptionHandler(NotFound.class)
    String notFound(HttpServletResponse response, Model model) {
        response.setStatus(404);
        model.addAttribute("status", 404);
        return "error";
    }

    @ExceptionHandler(Forbidden.class)
    String forbidden(HttpServletResponse response, Model model) {
        response.setStatus(403);
        model.addAttribute("status", 403);
        return "error";
    }
}
