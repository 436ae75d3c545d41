package org.haven.prevention;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.usermodel.DateUtil;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

/**
 * Reads outreach activities from a spreadsheet (CSV, UTF-8, or XLSX, first sheet), one activity per row, header row
 * first: {@code date, method, place_code, campaign, f_0_11 … o_60_plus, facilitators, materials, notes}. Only
 * {@code date, method, place_code} are required columns. Parsing problems are collected per row; nothing is saved
 * here.
 */
final class ActivitySpreadsheet {

    static final int MAX_ROWS = 5_000;
    static final int MAX_BYTES = 5 * 1024 * 1024;
    static final List<String> HEADERS;

    static {
        List<String> h = new ArrayList<>(List.of("date", "method", "place_code", "campaign"));
        h.addAll(Audience.COLUMNS);
        h.addAll(List.of("facilitators", "materials", "notes"));
        HEADERS = List.copyOf(h);
    }

    /** One data row: its spreadsheet row number (header = 1), the cells, the draft if it parsed, and its errors. */
    record Row(int number, Map<String, String> cells, ActivityDraft draft, List<OutreachManagement.Problem> errors) {
    }

    private ActivitySpreadsheet() {
    }

    /** Reads the rows; {@code campaignsByName} resolves the campaign column (own organisation's, lower-case keys). */
    static List<Row> read(String filename, byte[] content, Map<String, UUID> campaignsByName) {
        if (content.length > MAX_BYTES) {
            throw new IllegalArgumentException("file larger than " + MAX_BYTES / 1024 / 1024 + " MB");
        }
        List<Map<String, String>> raw = isXlsx(filename, content) ? readXlsx(content) : readCsv(content);
        if (raw.size() > MAX_ROWS) {
            throw new IllegalArgumentException("more than " + MAX_ROWS + " rows");
        }
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < raw.size(); i++) {
            rows.add(parse(i + 2, raw.get(i), campaignsByName));
        }
        return rows;
    }

    private static boolean isXlsx(String filename, byte[] content) {
        // XLSX is a zip: "PK\3\4". Trust the bytes over the name.
        return content.length > 4 && content[0] == 'P' && content[1] == 'K' && content[2] == 3 && content[3] == 4
                || filename != null && filename.toLowerCase(Locale.ROOT).endsWith(".xlsx") && content.length == 0;
    }

    private static List<Map<String, String>> readCsv(byte[] content) {
        String text = new String(content, StandardCharsets.UTF_8);
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1); // Excel's UTF-8 byte order mark
        }
        var format = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).setIgnoreEmptyLines(true)
                .setTrim(true).get();
        List<Map<String, String>> rows = new ArrayList<>();
        try (var parser = format.parse(new InputStreamReader(new ByteArrayInputStream(
                text.getBytes(StandardCharsets.UTF_8)), StandardCharsets.UTF_8))) {
            checkHeaders(parser.getHeaderNames());
            for (CSVRecord r : parser) {
                Map<String, String> cells = new LinkedHashMap<>();
                for (String h : parser.getHeaderNames()) {
                    cells.put(normaliseHeader(h), r.isMapped(h) && r.isSet(h) ? r.get(h) : "");
                }
                rows.add(cells);
                if (rows.size() > MAX_ROWS) {
                    break;
                }
            }
        } catch (IOException | java.io.UncheckedIOException e) {
            throw new IllegalArgumentException("not a readable CSV file");
        }
        return rows;
    }

    private static List<Map<String, String>> readXlsx(byte[] content) {
        List<Map<String, String>> rows = new ArrayList<>();
        try (Workbook wb = new XSSFWorkbook(new ByteArrayInputStream(content))) {
            Sheet sheet = wb.getSheetAt(0);
            DataFormatter fmt = new DataFormatter(Locale.ROOT);
            org.apache.poi.ss.usermodel.Row header = sheet.getRow(sheet.getFirstRowNum());
            if (header == null) {
                return rows;
            }
            List<String> names = new ArrayList<>();
            for (int c = 0; c < header.getLastCellNum(); c++) {
                Cell cell = header.getCell(c);
                names.add(cell == null ? "" : fmt.formatCellValue(cell));
            }
            checkHeaders(names);
            for (int r = sheet.getFirstRowNum() + 1; r <= sheet.getLastRowNum(); r++) {
                org.apache.poi.ss.usermodel.Row row = sheet.getRow(r);
                Map<String, String> cells = new LinkedHashMap<>();
                boolean any = false;
                for (int c = 0; c < names.size(); c++) {
                    Cell cell = row == null ? null : row.getCell(c);
                    String v = cellText(cell, fmt);
                    any |= !v.isBlank();
                    cells.put(normaliseHeader(names.get(c)), v);
                }
                if (any) {
                    rows.add(cells);
                }
                if (rows.size() > MAX_ROWS) {
                    break;
                }
            }
        } catch (IOException | RuntimeException e) {
            if (e instanceof IllegalArgumentException iae && iae.getMessage() != null
                    && iae.getMessage().startsWith("missing column")) {
                throw iae;
            }
            throw new IllegalArgumentException("not a readable XLSX file");
        }
        return rows;
    }

    private static String cellText(Cell cell, DataFormatter fmt) {
        if (cell == null) {
            return "";
        }
        if (cell.getCellType() == CellType.NUMERIC && DateUtil.isCellDateFormatted(cell)) {
            return cell.getLocalDateTimeCellValue().toLocalDate().toString();
        }
        return fmt.formatCellValue(cell).strip();
    }

    private static void checkHeaders(List<String> names) {
        List<String> normalised = names.stream().map(ActivitySpreadsheet::normaliseHeader).toList();
        for (String required : List.of("date", "method", "place_code")) {
            if (!normalised.contains(required)) {
                throw new IllegalArgumentException("missing column " + required);
            }
        }
    }

    static String normaliseHeader(String h) {
        return h == null ? "" : h.strip().toLowerCase(Locale.ROOT).replace('-', '_').replace(' ', '_')
                .replace("60+", "60_plus");
    }

    private static Row parse(int number, Map<String, String> cells, Map<String, UUID> campaigns) {
        List<OutreachManagement.Problem> errors = new ArrayList<>();
        LocalDate date = null;
        String d = cells.getOrDefault("date", "");
        if (d.isBlank()) {
            errors.add(problem("date", "outreach.error.date", null));
        } else {
            try {
                date = LocalDate.parse(d.strip());
            } catch (DateTimeParseException e) {
                errors.add(problem("date", "outreach.error.dateFormat", d));
            }
        }
        OutreachMethod method = null;
        String m = cells.getOrDefault("method", "");
        if (m.isBlank()) {
            errors.add(problem("method", "outreach.error.method", null));
        } else {
            String key = m.strip().toUpperCase(Locale.ROOT).replaceAll("[^A-Z]+", "_").replaceAll("^_|_$", "");
            try {
                method = OutreachMethod.valueOf(key);
            } catch (IllegalArgumentException e) {
                errors.add(problem("method", "outreach.error.methodUnknown", m));
            }
        }
        UUID campaign = null;
        String c = cells.getOrDefault("campaign", "");
        if (!c.isBlank()) {
            campaign = campaigns.get(c.strip().toLowerCase(Locale.ROOT));
            if (campaign == null) {
                errors.add(problem("campaign", "outreach.error.campaign", c));
            }
        }
        List<Integer> counts = new ArrayList<>();
        for (String col : Audience.COLUMNS) {
            String v = cells.getOrDefault(col, "").strip();
            if (v.isEmpty()) {
                counts.add(0);
                continue;
            }
            try {
                int n = Integer.parseInt(v.endsWith(".0") ? v.substring(0, v.length() - 2) : v);
                if (n < 0) {
                    errors.add(problem(col, "outreach.error.audience", v));
                }
                counts.add(n);
            } catch (NumberFormatException e) {
                errors.add(problem(col, "outreach.error.audience", v));
                counts.add(0);
            }
        }
        ActivityDraft draft = errors.isEmpty() ? new ActivityDraft(campaign, method, date,
                cells.getOrDefault("place_code", "").strip(), new Audience(counts), cells.get("facilitators"),
                cells.get("materials"), cells.get("notes")) : null;
        return new Row(number, cells, draft, errors);
    }

    private static OutreachManagement.Problem problem(String column, String code, String value) {
        return new OutreachManagement.Problem(column, code, value == null ? null : abbreviate(value));
    }

    private static String abbreviate(String s) {
        String t = s.strip();
        return t.length() > 40 ? t.substring(0, 40) + "…" : t;
    }

    /** A small template file users can fill in: the header row and one example row. */
    static String templateCsv() {
        Map<String, String> example = new HashMap<>();
        example.put("date", "2025-03-14");
        example.put("method", "DRAMA");
        example.put("place_code", "01020101");
        example.put("f_18_24", "12");
        example.put("m_18_24", "9");
        example.put("facilitators", "2 youth facilitators");
        example.put("materials", "posters");
        return String.join(",", HEADERS) + "\n"
                + String.join(",", HEADERS.stream().map(h -> example.getOrDefault(h, "")).toList()) + "\n";
    }
}
