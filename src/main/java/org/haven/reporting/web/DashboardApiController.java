package org.haven.reporting.web;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import org.haven.reporting.Dashboards;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The dashboard as JSON: the same disclosure-controlled figures as the page (a suppressed cell is null). */
@RestController
@PreAuthorize("hasAuthority('REPORT_AGGREGATE')")
class DashboardApiController {

    record DashboardJson(String from, String to, UUID organisation, String province, OffsetDateTime asOf,
            int minCell, boolean exact, List<ReportsApiController.FigureJson> figures, OffsetDateTime referralsAsOf) {
    }

    private final Dashboards dashboards;

    DashboardApiController(Dashboards dashboards) {
        this.dashboards = dashboards;
    }

    @GetMapping("/api/v1/reports/dashboard")
    DashboardJson dashboard(@RequestParam(name = "from", required = false) String from,
            @RequestParam(name = "to", required = false) String to,
            @RequestParam(name = "organisation", required = false) UUID organisation,
            @RequestParam(name = "province", required = false) String province) {
        Dashboards.Dashboard d = dashboards.dashboard(new Dashboards.Filter(DashboardController.month("from", from),
                DashboardController.month("to", to), organisation, province));
        return new DashboardJson(d.filter().from().toString(), d.filter().to().toString(),
                d.filter().organisationId(), d.filter().province(), d.asOf(), d.threshold(), d.exact(),
                d.figures().values().stream().map(ReportsApiController::figure).toList(), d.referralsAsOf());
    }
}
