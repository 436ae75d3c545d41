package org.haven.web;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.TransientDataAccessResourceException;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.servlet.ModelAndView;

import jakarta.servlet.http.HttpServletResponse;

/**
 * Pages while the database is away: 503 with a "try again shortly" page and {@code Retry-After}, rather than a 500
 * that looks like a bug. The connection pool recovers by itself when the database returns.
 */
@ControllerAdvice(annotations = Controller.class)
// Lowest precedence: for REST controllers ApiExceptionHandler answers first, with problem+json.
@Order(Ordered.LOWEST_PRECEDENCE)
class DatabaseUnavailableHandler {

    @ExceptionHandler({CannotCreateTransactionException.class, DataAccessResourceFailureException.class,
            TransientDataAccessResourceException.class})
    ModelAndView unavailable(HttpServletResponse response) {
        response.setHeader("Retry-After", "10");
        ModelAndView mav = new ModelAndView("error");
        mav.setStatus(HttpStatus.SERVICE_UNAVAILABLE);
        mav.addObject("status", 503);
        return mav;
    }
}
