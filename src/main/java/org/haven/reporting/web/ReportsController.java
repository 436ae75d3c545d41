package org.haven.reporting.web;

import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import org.haven.reporting.Reports;
import org.springframework.context.MessageSource;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** The reports section: disclosure-controlled figures as a page, a spreadsheet and a PDF. */
@Controller
@PreAuthorize("hasAuthority('REPORT_AGGREGATE')")
class ReportsController {

    static final int CHART_WIDTH = 640;
    static final int CHART_HEIGHT = 200;

    private final Reports reports;
    private final MessageSource messages;

    ReportsController(Reports reports, MessageSource messages) {
        this.reports = reports;
        this.messages = messages;
    }

    @GetMapping("/reports")
    String page(@RequestParam(name = "dataset", required = false) UUID dataset, Model model, Locale locale) {
        Reports.CtdcComparison report = reports.ctdcComparison(dataset);
        model.addAttribute("datasets", reports.ctdcDatasets());
        model.addAttribute("dataset", dataset);
        model.addAttribute("report", report);
        model.addAttribute("tables", report.figures().stream().map(f -> ReportView.table(f, messages, locale)).toList());
        model.addAttribute("bars", ReportView.bars(report.figures().get(0), messages, locale, CHART_WIDTH, CHART_HEIGHT));
        model.addAttribute("chartWidth", CHART_WIDTH);
        model.addAttribute("chartHeight", CHART_HEIGHT);
        model.addAttribute("asOf", report.asOf() == null ? null
                : report.asOf().format(DateTimeFormatter.ofLocalizedDateTime(FormatStyle.MEDIUM).withLocale(locale)));
        model.addAttribute("query", dataset == null ? "" : "?dataset=" + dataset);
        return "reporting/reports";
    }

    @GetMapping("/reports/ctdc.xlsx")
    ResponseEntity<byte[]> spreadsheet(@RequestParam(name = "dataset", required = false) UUID dataset, Locale locale) {
        Reports.CtdcComparison report = reports.ctdcComparison(dataset);
        byte[] body = ReportDocuments.xlsx(title(locale), notes(report, locale), tables(report, locale));
        return download(body, "haven-ctdc-comparison.xlsx",
                MediaType.parseMediaType("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"));
    }

    @GetMapping("/reports/ctdc.pdf")
    ResponseEntity<byte[]> pdf(@RequestParam(name = "dataset", required = false) UUID dataset, Locale locale) {
        Reports.CtdcComparison report = reports.ctdcComparison(dataset);
        byte[] body = ReportDocuments.pdf(title(locale), notes(report, locale), tables(report, locale));
        return download(body, "haven-ctdc-comparison.pdf", MediaType.APPLICATION_PDF);
    }

    private String title(Locale locale) {
        return messages.getMessage("reporting.ctdc.heading", null, locale);
    }

    private List<ReportView.Table> tables(Reports.CtdcComparison report, Locale locale) {
        return report.figures().stream().map(f -> ReportView.table(f, messages, locale)).toList();
    }

    private List<String> notes(Reports.CtdcComparison report, Locale locale) {
        List<String> notes = new ArrayList<>();
        notes.add(messages.getMessage("reporting.legend", new Object[] {report.threshold()}, locale));
        notes.add(messages.getMessage("reporting.palermo", null, locale));
        notes.add(messages.getMessage("reporting.source", null, locale));
        if (report.asOf() != null) {
            notes.add(messages.getMessage("reporting.asOf", new Object[] {report.asOf().toString()}, locale));
        }
        return notes;
    }

    /** A report file as an attachment, never cached. */
    static ResponseEntity<byte[]> download(byte[] body, String name, MediaType type) {
        return ResponseEntity.ok()
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment().filename(name).build().toString())
                .header(HttpHeaders.CACHE_CONTROL, "no-store")
                .contentType(type).body(body);
    }
}
