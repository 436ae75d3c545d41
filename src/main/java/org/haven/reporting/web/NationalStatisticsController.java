package org.haven.reporting.web;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.haven.prosecution.Attrition;
import org.haven.reporting.AmountDisclosureSettings;
import org.haven.reporting.LawEnforcementStatistics;
import org.haven.reporting.Reports;
import org.springframework.context.MessageSource;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * National statistics for a year (TIP-report shape) and the donor report, as pages, spreadsheets and PDFs. Every
 * number comes from {@link Reports} as a disclosure-controlled table; the prosecution funnel as the prosecution
 * module publishes it.
 */
@Controller
@PreAuthorize("hasAuthority('REPORT_AGGREGATE')")
class NationalStatisticsController {

    private static final MediaType XLSX =
            MediaType.parseMediaType("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");

    private final Reports reports;
    private final MessageSource messages;
    private final LawEnforcementStatistics lawEnforcement;

    private final AmountDisclosureSettings amounts;

    NationalStatisticsController(Reports reports, MessageSource messages, LawEnforcementStatistics lawEnforcement,
            AmountDisclosureSettings amounts) {
        this.reports = reports;
        this.messages = messages;
        this.lawEnforcement = lawEnforcement;
        this.amounts = amounts;
    }

    /** A funnel step's label and its value ("x" when the prosecution module withheld it). */
    record Step(String label, String value) {
    }

    record FormFunnel(String label, List<String> values) {
    }

    @GetMapping("/reports/national")
    String national(@RequestParam(name = "year", required = false) Integer year,
            @RequestParam(name = "region", required = false) String region, Model model, Locale locale) {
        int y = year == null ? LocalDate.now(Reports.ZONE).getYear() - 1 : year;
        Reports.NationalStatistics stats = reports.national(y, region);
        model.addAttribute("stats", stats);
        model.addAttribute("year", y);
        model.addAttribute("yearLabel", String.valueOf(y));
        model.addAttribute("region", stats.region() == null ? "" : stats.region());
        model.addAttribute("tables", tables(stats.figures(), locale));
        model.addAttribute("bars", ReportView.bars(stats.figures().get(0), messages, locale,
                ReportsController.CHART_WIDTH, ReportsController.CHART_HEIGHT));
        model.addAttribute("chartWidth", ReportsController.CHART_WIDTH);
        model.addAttribute("chartHeight", ReportsController.CHART_HEIGHT);
        model.addAttribute("stepLabels", Attrition.STEPS.stream()
                .map(s -> messages.getMessage("reporting.step." + s, null, s, locale)).toList());
        model.addAttribute("funnel", funnel(stats.attrition().total()));
        List<FormFunnel> byForm = new ArrayList<>();
        stats.attrition().byForm().forEach((form, f) -> byForm.add(new FormFunnel(
                ReportView.label(form.name(), messages, locale), funnel(f))));
        model.addAttribute("byForm", byForm);
        model.addAttribute("computedAt", stats.computedAt().atZoneSameInstant(Reports.ZONE).format(
                DateTimeFormatter.ofLocalizedDateTime(FormatStyle.MEDIUM).withLocale(locale)));
        model.addAttribute("query", "?year=" + y + (stats.region() == null ? "" : "&region=" + stats.region()));
        addLawEnforcement(model, lawEnforcement.statistics(y, region), locale);
        model.addAttribute("dominanceNote", dominanceNote(stats.threshold(), locale));
        return "reporting/national";
    }

    @GetMapping("/reports/national.xlsx")
    ResponseEntity<byte[]> nationalSpreadsheet(@RequestParam("year") int year,
            @RequestParam(name = "region", required = false) String region, Locale locale) {
        Reports.NationalStatistics stats = reports.national(year, region);
        return ReportsController.download(ReportDocuments.xlsx(title(stats, locale), nationalNotes(stats.threshold(), locale),
                withLawEnforcement(withFunnel(stats, locale), year, region, locale)),
                "haven-national-statistics-" + year + ".xlsx", XLSX);
    }

    @GetMapping("/reports/national.pdf")
    ResponseEntity<byte[]> nationalPdf(@RequestParam("year") int year,
            @RequestParam(name = "region", required = false) String region, Locale locale) {
        Reports.NationalStatistics stats = reports.national(year, region);
        return ReportsController.download(ReportDocuments.pdf(title(stats, locale), nationalNotes(stats.threshold(), locale),
                withLawEnforcement(withFunnel(stats, locale), year, region, locale)),
                "haven-national-statistics-" + year + ".pdf", MediaType.APPLICATION_PDF);
    }

    @GetMapping("/reports/donor")
    String donor(@RequestParam(name = "from", required = false) LocalDate from,
            @RequestParam(name = "to", required = false) LocalDate to, Model model, Locale locale) {
        int last = LocalDate.now(Reports.ZONE).getYear() - 1;
        LocalDate f = from == null ? LocalDate.of(last, 1, 1) : from;
        LocalDate t = to == null ? LocalDate.of(last, 12, 31) : to;
        Reports.DonorReport report = reports.donorReport(f, t);
        model.addAttribute("report", report);
        model.addAttribute("tables", tables(report.figures(), locale));
        model.addAttribute("query", "?from=" + f + "&to=" + t);
        return "reporting/donor";
    }

    @GetMapping("/reports/donor.xlsx")
    ResponseEntity<byte[]> donorSpreadsheet(@RequestParam("from") LocalDate from, @RequestParam("to") LocalDate to,
            Locale locale) {
        Reports.DonorReport report = reports.donorReport(from, to);
        String title = messages.getMessage("reporting.donor.heading", new Object[] {from, to}, locale);
        return ReportsController.download(ReportDocuments.xlsx(title, notes(report.threshold(), locale), tables(report.figures(), locale)),
                "haven-donor-report-" + from + "-" + to + ".xlsx", XLSX);
    }

    private List<ReportView.Table> tables(List<Reports.Figure> figures, Locale locale) {
        return figures.stream().map(f -> ReportView.table(f, messages, locale)).toList();
    }

    /** The case tables, then the prosecution funnel by form as one more table of display strings. */
    private List<ReportView.Table> withFunnel(Reports.NationalStatistics stats, Locale locale) {
        List<ReportView.Table> all = new ArrayList<>(tables(stats.figures(), locale));
        List<String> columns = Attrition.STEPS.stream()
                .map(s -> messages.getMessage("reporting.step." + s, null, s, locale)).toList();
        List<ReportView.Row> rows = new ArrayList<>();
        stats.attrition().byForm().forEach((form, f) -> rows.add(new ReportView.Row(
                ReportView.label(form.name(), messages, locale), funnel(f), "")));
        all.add(new ReportView.Table("proceedingsByForm",
                messages.getMessage("reporting.figure.proceedingsByForm", null, locale), columns, rows,
                new ReportView.Row(messages.getMessage("reporting.total", null, locale),
                        funnel(stats.attrition().total()), "")));
        return all;
    }

    // --- Sentences, fines, compensation and repatriations (LawEnforcementStatistics), kept apart from the figures
    // above so that changes to how those are read merge cleanly.

    private void addLawEnforcement(Model model, LawEnforcementStatistics.LawEnforcement law, Locale locale) {
        model.addAttribute("lawTables", tables(law.lawEnforcement(), locale));
        model.addAttribute("amountTables", law.amounts().stream().map(a -> ReportView.amounts(a, messages, locale))
                .toList());
        model.addAttribute("repatriationTables", tables(law.protection(), locale));
    }

    private List<ReportView.Table> withLawEnforcement(List<ReportView.Table> tables, int year, String region,
            Locale locale) {
        LawEnforcementStatistics.LawEnforcement law = lawEnforcement.statistics(year, region);
        List<ReportView.Table> all = new ArrayList<>(tables);
        all.addAll(tables(law.protection(), locale));
        all.addAll(tables(law.lawEnforcement(), locale));
        law.amounts().forEach(a -> all.add(ReportView.amounts(a, messages, locale)));
        return all;
    }

    private static List<String> funnel(Attrition.Funnel f) {
        return f.steps().stream().map(v -> v == null ? ReportView.SUPPRESSED : String.valueOf(v)).toList();
    }

    private String title(Reports.NationalStatistics stats, Locale locale) {
        return messages.getMessage("reporting.national.heading", new Object[] {String.valueOf(stats.year())}, locale);
    }

    /** The notes of the national statistics: those of every report, the de-duplication and the dominance rule. */
    private List<String> nationalNotes(int threshold, Locale locale) {
        List<String> notes = new ArrayList<>(notes(threshold, locale));
        notes.add(messages.getMessage("reporting.national.deduplicated", null, locale));
        notes.add(dominanceNote(threshold, locale));
        return notes;
    }

    private String dominanceNote(int threshold, Locale locale) {
        return messages.getMessage("reporting.national.amounts.dominance", new Object[] {threshold, amounts.n(),
                String.valueOf(Math.round(amounts.share() * 100))}, locale);
    }

    private List<String> notes(int threshold, Locale locale) {
        return List.of(messages.getMessage("reporting.legend", new Object[] {threshold}, locale),
                messages.getMessage("reporting.national.definition", null, locale),
                messages.getMessage("reporting.national.live", null, locale));
    }
}
