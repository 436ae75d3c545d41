package org.haven.reporting.web;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.haven.prosecution.Attrition;
import org.haven.reporting.LawEnforcementStatistics;
import org.haven.reporting.Reports;
import org.haven.reporting.disclosure.ProtectedTable;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** JSON of the same disclosure-controlled figures: a suppressed cell is {@code null} with {@code suppressed: true}. */
@RestController
@RequestMapping("/api/v1/reports")
@PreAuthorize("hasAuthority('REPORT_AGGREGATE')")
class ReportsApiController {

    record CellJson(Long value, boolean suppressed) {
    }

    record FigureJson(String id, List<String> rows, List<String> columns, List<List<CellJson>> cells,
            List<CellJson> rowTotals, List<CellJson> columnTotals, CellJson total) {
    }

    record ComparisonJson(UUID dataset, OffsetDateTime asOf, int minCell, List<FigureJson> figures) {
    }

    private final Reports reports;
    private final LawEnforcementStatistics lawEnforcement;

    ReportsApiController(Reports reports, LawEnforcementStatistics lawEnforcement) {
        this.reports = reports;
        this.lawEnforcement = lawEnforcement;
    }

    @GetMapping("/ctdc-comparison")
    ComparisonJson comparison(@RequestParam(name = "dataset", required = false) UUID dataset) {
        Reports.CtdcComparison report = reports.ctdcComparison(dataset);
        return new ComparisonJson(dataset, report.asOf(), report.threshold(),
                report.figures().stream().map(ReportsApiController::figure).toList());
    }

    record NationalJson(int year, String region, int minCell, OffsetDateTime computedAt, List<FigureJson> figures,
            Attrition proceedings, LawEnforcementJson lawEnforcement) {
    }

    /** Money by currency: how many fines or orders each row rests on, and the amounts (null when withheld). */
    record AmountJson(String id, List<String> currencies, String countColumn, List<CellJson> counts,
            CellJson countTotal, List<String> amountColumns, List<List<java.math.BigDecimal>> amounts) {
    }

    /** Verdicts, sentences, fines and compensation, and repatriations (see LawEnforcementStatistics). */
    record LawEnforcementJson(List<FigureJson> figures, List<AmountJson> amounts, List<FigureJson> protection) {
    }

    record DonorJson(LocalDate from, LocalDate to, int minCell, List<FigureJson> figures) {
    }

    /** National statistics for a year (and province): protection figures and the prosecution funnel. */
    @GetMapping("/national")
    NationalJson national(@RequestParam("year") int year,
            @RequestParam(name = "region", required = false) String region) {
        Reports.NationalStatistics s = reports.national(year, region);
        return new NationalJson(s.year(), s.region(), s.threshold(), s.computedAt(),
                s.figures().stream().map(ReportsApiController::figure).toList(), s.attrition(),
                lawEnforcement(lawEnforcement.statistics(year, region)));
    }

    private static LawEnforcementJson lawEnforcement(LawEnforcementStatistics.LawEnforcement law) {
        return new LawEnforcementJson(law.lawEnforcement().stream().map(ReportsApiController::figure).toList(),
                law.amounts().stream().map(ReportsApiController::amounts).toList(),
                law.protection().stream().map(ReportsApiController::figure).toList());
    }

    /** Services delivered in a period by funding source and type: people reached and services. */
    @GetMapping("/donor")
    DonorJson donor(@RequestParam("from") LocalDate from, @RequestParam("to") LocalDate to) {
        Reports.DonorReport r = reports.donorReport(from, to);
        return new DonorJson(r.from(), r.to(), r.threshold(),
                r.figures().stream().map(ReportsApiController::figure).toList());
    }

    private static AmountJson amounts(LawEnforcementStatistics.AmountFigure a) {
        ProtectedTable t = a.counts();
        List<CellJson> counts = new ArrayList<>();
        for (int r = 0; r < t.rowKeys().size(); r++) {
            counts.add(cell(t.cell(r, 0)));
        }
        return new AmountJson(a.id(), t.rowKeys(), t.columnKeys().get(0), counts, cell(t.columnTotal(0)),
                a.amountColumns(), a.amounts());
    }

    private static FigureJson figure(Reports.Figure f) {
        ProtectedTable t = f.table();
        List<List<CellJson>> cells = new ArrayList<>();
        List<CellJson> rowTotals = new ArrayList<>();
        for (int r = 0; r < t.rowKeys().size(); r++) {
            List<CellJson> row = new ArrayList<>();
            for (int c = 0; c < t.columnKeys().size(); c++) {
                row.add(cell(t.cell(r, c)));
            }
            cells.add(row);
            rowTotals.add(cell(t.rowTotal(r)));
        }
        List<CellJson> columnTotals = new ArrayList<>();
        for (int c = 0; c < t.columnKeys().size(); c++) {
            columnTotals.add(cell(t.columnTotal(c)));
        }
        return new FigureJson(f.id(), t.rowKeys(), t.columnKeys(), cells, rowTotals, columnTotals,
                cell(t.grandTotal()));
    }

    private static CellJson cell(ProtectedTable.Cell c) {
        return new CellJson(c.value(), c.suppressed());
    }
}
