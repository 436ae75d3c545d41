package org.haven.security.web;

import java.io.IOException;

import jakarta.servlet.http.HttpServletResponse;
import org.haven.shared.web.Forbidden;
import org.haven.shared.web.NotFound;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;

/**
 * Refusals on this module's pages: 404 or 403 through the servlet error page (the web module's error template, with
 * the layout's model), never a stack trace. The JSON API controllers are left to the web module's problem+json
 * handler.
 */
@ControllerAdvice(assignableTypes = {OrganisationAdminController.class, UserAdminController.class, SignInController.class})
class AdminPageErrors {

    @ExceptionHandler(NotFound.class)
    void notFound(HttpServletResponse response) throws IOException {
        response.sendError(404);
    }

    @ExceptionHandler(Forbidden.class)
    void forbidden(HttpServletResponse response) throws IOException {
        response.sendError(403);
    }
}
