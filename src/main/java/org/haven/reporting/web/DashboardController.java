package org.haven.reporting.web;

import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import org.haven.places.Gazetteer;
import org.haven.reporting.Dashboards;
import org.haven.reporting.Reports;
import org.haven.security.CurrentUser;
import org.haven.shared.web.InvalidInput;
import org.springframework.context.MessageSource;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The dashboard page of the reports section: the sections of the user's roles, filtered by a period of months, an
 * organisation within reach and a province of the gazetteer; each figure as an inline SVG bar chart (no external
 * request, no inline style or script) and its disclosure-controlled table; the time of the summary refresh.
 */
@Controller
@PreAuthorize("hasAuthority('REPORT_AGGREGATE')")
class DashboardController {

    static final int CHART_WIDTH = 640;
    static final int CHART_HEIGHT = 160;

    /** One section of the page: its table, the chart of its row totals and the chart's caption. */
    record Shown(String id, ReportView.Table table, List<ReportView.Bar> bars) {
    }

    private final Dashboards dashboards;
    private final Gazetteer gazetteer;
    private final MessageSource messages;
    private final org.haven.reporting.Reports reports;

    DashboardController(Dashboards dashboards, Gazetteer gazetteer, MessageSource messages,
            org.haven.reporting.Reports reports) {
        this.reports = reports;
        this.dashboards = dashboards;
        this.gazetteer = gazetteer;
        this.messages = messages;
    }

    @GetMapping("/reports/dashboard")
    String page(@RequestParam(name = "from", required = false) String from,
            @RequestParam(name = "to", required = false) String to,
            @RequestParam(name = "organisation", required = false) UUID organisation,
            @RequestParam(name = "province", required = false) String province, Model model, Locale locale) {
        Dashboards.Dashboard d = dashboards.dashboard(
                new Dashboards.Filter(month("from", from), month("to", to), organisation, province));
        List<Shown> shown = new ArrayList<>();
        d.figures().forEach((section, figure) -> shown.add(new Shown(figure.id(),
                ReportView.table(figure, messages, locale),
                ReportView.bars(figure, messages, locale, CHART_WIDTH, CHART_HEIGHT))));
        model.addAttribute("dashboard", d);
        model.addAttribute("sections", shown);
        model.addAttribute("from", d.filter().from().toString());
        model.addAttribute("to", d.filter().to().toString());
        model.addAttribute("organisation", d.filter().organisationId());
        model.addAttribute("province", d.filter().province() == null ? "" : d.filter().province());
        model.addAttribute("wide", Dashboards.wideReach(CurrentUser.require()));
        model.addAttribute("provinces", provinces(locale));
        model.addAttribute("asOf", asOf(d.asOf(), locale));
        model.addAttribute("referralsAsOf", d.referralsAsOf() == null ? null : asOf(d.referralsAsOf(), locale));
        model.addAttribute("chartWidth", CHART_WIDTH);
        model.addAttribute("chartHeight", CHART_HEIGHT);
        // Your country against the global data, once CTDC data has been imported (the reports section has the rest).
        model.addAttribute("global", reports.ctdcDatasets().isEmpty() ? List.of()
                : reports.havenAgainstCtdc().stream().map(f -> ReportView.table(f, messages, locale)).toList());
        return "reporting/dashboard";
    }

    /** The provinces of Cambodia from the gazetteer (empty until it is imported: the field then takes a code). */
    private List<Map.Entry<String, String>> provinces(Locale locale) {
        return gazetteer.children("KH").stream()
                .map(p -> Map.entry(p.code(), p.name(locale))).toList();
    }

    /** "HH:mm, 29 Nov 2026" in the reporting time zone. */
    static String asOf(OffsetDateTime asOf, Locale locale) {
        return asOf.atZoneSameInstant(Reports.ZONE).format(DateTimeFormatter.ofPattern("HH:mm, d MMM yyyy", locale));
    }

    static YearMonth month(String field, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return YearMonth.parse(value.trim());
        } catch (DateTimeParseException e) {
            throw InvalidInput.of(field, "reporting.dashboard.month.invalid", "Give a month such as 2025-03.");
        }
    }
}
