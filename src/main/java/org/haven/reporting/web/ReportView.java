package org.haven.reporting.web;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.haven.reporting.Reports;
import org.haven.reporting.disclosure.ProtectedTable;
import org.springframework.context.MessageSource;

/**
 * Protected tables turned into labelled rows of display strings, shared by the page, the spreadsheet and the PDF so
 * the three show the same numbers. A suppressed cell is shown as {@code x}; its value is not available here.
 */
final class ReportView {

    static final String SUPPRESSED = "x";

    record Row(String label, List<String> cells, String total) {
    }

    /** A table of display strings; {@code totals} is null for a table without a totals row and column (money). */
    record Table(String id, String title, List<String> columns, List<Row> rows, Row totals) {
    }

    record Bar(String label, String value, int x, int y, int width, int height, boolean suppressed) {
    }

    private ReportView() {
    }

    static Table table(Reports.Figure figure, MessageSource messages, Locale locale) {
        ProtectedTable t = figure.table();
        List<String> columns = t.columnKeys().stream().map(c -> label(c, messages, locale)).toList();
        List<Row> rows = new ArrayList<>();
        for (int r = 0; r < t.rowKeys().size(); r++) {
            List<String> cells = new ArrayList<>();
            for (int c = 0; c < t.columnKeys().size(); c++) {
                cells.add(show(t.cell(r, c)));
            }
            rows.add(new Row(label(t.rowKeys().get(r), messages, locale), cells, show(t.rowTotal(r))));
        }
        List<String> totals = new ArrayList<>();
        for (int c = 0; c < t.columnKeys().size(); c++) {
            totals.add(show(t.columnTotal(c)));
        }
        String title = messages.getMessage("reporting.figure." + figure.id(), null, figure.id(), locale);
        return new Table(figure.id(), title, columns, rows,
                new Row(messages.getMessage("reporting.total", null, locale), totals, show(t.grandTotal())));
    }

    /**
     * Money by currency: the count the amounts rest on, then the amounts (two decimals), {@code x} where withheld.
     * No totals: amounts in different currencies do not add up, and the count total is in the figure by form.
     */
    static Table amounts(org.haven.reporting.LawEnforcementStatistics.AmountFigure figure, MessageSource messages,
            Locale locale) {
        ProtectedTable t = figure.counts();
        List<String> columns = new ArrayList<>();
        columns.add(label(t.columnKeys().get(0), messages, locale));
        figure.amountColumns().forEach(c -> columns.add(label(c, messages, locale)));
        List<Row> rows = new ArrayList<>();
        for (int r = 0; r < t.rowKeys().size(); r++) {
            List<String> cells = new ArrayList<>();
            cells.add(show(t.cell(r, 0)));
            for (java.math.BigDecimal amount : figure.amounts().get(r)) {
                cells.add(amount == null ? SUPPRESSED
                        : amount.setScale(2, java.math.RoundingMode.HALF_UP).toPlainString());
            }
            rows.add(new Row(t.rowKeys().get(r), cells, ""));
        }
        String title = messages.getMessage("reporting.figure." + figure.id(), null, figure.id(), locale);
        return new Table(figure.id(), title, columns, rows, null);
    }

    /** Bars of a table's row totals (suppressed totals drawn as an empty outline marked x). */
    static List<Bar> bars(Reports.Figure figure, MessageSource messages, Locale locale, int width, int height) {
        ProtectedTable t = figure.table();
        int n = t.rowKeys().size();
        if (n == 0) {
            return List.of();
        }
        long max = 1;
        for (int r = 0; r < n; r++) {
            Long v = t.rowTotal(r).value();
            max = Math.max(max, v == null ? 0 : v);
        }
        int slot = width / n;
        List<Bar> bars = new ArrayList<>();
        for (int r = 0; r < n; r++) {
            Long v = t.rowTotal(r).value();
            int h = v == null ? 0 : (int) Math.round((double) v * height / max);
            bars.add(new Bar(label(t.rowKeys().get(r), messages, locale), show(t.rowTotal(r)), r * slot + slot / 8,
                    height - h, Math.max(1, slot * 3 / 4), h, v == null));
        }
        return bars;
    }

    static String show(ProtectedTable.Cell cell) {
        return cell.suppressed() ? SUPPRESSED : String.valueOf(cell.value());
    }

    static String label(String code, MessageSource messages, Locale locale) {
        if (code.isEmpty()) {
            return messages.getMessage("reporting.notRecorded", null, locale);
        }
        return messages.getMessage("reporting.value." + code.replaceAll("[^A-Za-z0-9]", "_"), null, code, locale);
    }
}
