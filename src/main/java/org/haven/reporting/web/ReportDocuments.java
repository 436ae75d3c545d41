package org.haven.reporting.web;

import java.awt.Color;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;

import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import com.lowagie.text.Document;
import com.lowagie.text.Font;
import com.lowagie.text.PageSize;
import com.lowagie.text.Paragraph;
import com.lowagie.text.pdf.BaseFont;
import com.lowagie.text.pdf.LayoutProcessor;
import com.lowagie.text.pdf.PdfPCell;
import com.lowagie.text.pdf.PdfPTable;
import com.lowagie.text.pdf.PdfWriter;

/** Spreadsheet and PDF versions of a report: the same {@link ReportView} strings as the page, nothing more. */
final class ReportDocuments {

    private ReportDocuments() {
    }

    static byte[] xlsx(String title, List<String> notes, List<ReportView.Table> tables) {
        try (XSSFWorkbook book = new XSSFWorkbook(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            int n = 1;
            for (ReportView.Table t : tables) {
                Sheet sheet = book.createSheet(n++ + " " + t.id());
                int r = 0;
                sheet.createRow(r++).createCell(0).setCellValue(t.title());
                Row header = sheet.createRow(r++);
                for (int c = 0; c < t.columns().size(); c++) {
                    header.createCell(c + 1).setCellValue(t.columns().get(c));
                }
                if (t.totals() != null) {
                    header.createCell(t.columns().size() + 1).setCellValue(t.totals().label());
                }
                for (ReportView.Row row : concat(t.rows(), t.totals())) {
                    Row x = sheet.createRow(r++);
                    x.createCell(0).setCellValue(row.label());
                    for (int c = 0; c < row.cells().size(); c++) {
                        put(x, c + 1, row.cells().get(c));
                    }
                    if (t.totals() != null) {
                        put(x, row.cells().size() + 1, row.total());
                    }
                }
                r++;
                for (String note : notes) {
                    sheet.createRow(r++).createCell(0).setCellValue(note);
                }
            }
            if (tables.isEmpty()) {
                Sheet sheet = book.createSheet("report");
                sheet.createRow(0).createCell(0).setCellValue(title);
                int r = 1;
                for (String note : notes) {
                    sheet.createRow(r++).createCell(0).setCellValue(note);
                }
            }
            book.write(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void put(Row row, int column, String value) {
        if (value.isEmpty()) {
            row.createCell(column);
        } else if (value.matches("-?\\d+")) {
            row.createCell(column).setCellValue(Long.parseLong(value));
        } else if (value.matches("-?\\d+\\.\\d+")) {
            row.createCell(column).setCellValue(Double.parseDouble(value));
        } else {
            row.createCell(column).setCellValue(value);
        }
    }

    /**
     * PDF with the bundled Noto Sans Khmer font (it carries Latin too), Khmer shaped: see {@link ShapedFont}.
     */
    static byte[] pdf(String title, List<String> notes, List<ReportView.Table> tables) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Document document = new Document(PageSize.A4.rotate());
        BaseFont base = ShapedFont.BASE;
        Font body = new Font(base, 9);
        Font heading = new Font(base, 13, Font.NORMAL, Color.BLACK);
        PdfWriter.getInstance(document, out);
        document.open();
        document.add(new Paragraph(title, new Font(base, 16)));
        for (ReportView.Table t : tables) {
            document.add(new Paragraph(t.title(), heading));
            boolean totals = t.totals() != null;
            PdfPTable table = new PdfPTable(t.columns().size() + (totals ? 2 : 1));
            table.setWidthPercentage(100);
            table.addCell(new PdfPCell(new Paragraph("", body)));
            t.columns().forEach(c -> table.addCell(new PdfPCell(new Paragraph(c, body))));
            if (totals) {
                table.addCell(new PdfPCell(new Paragraph(t.totals().label(), body)));
            }
            for (ReportView.Row row : concat(t.rows(), t.totals())) {
                table.addCell(new PdfPCell(new Paragraph(row.label(), body)));
                row.cells().forEach(c -> table.addCell(new PdfPCell(new Paragraph(c, body))));
                if (totals) {
                    table.addCell(new PdfPCell(new Paragraph(row.total(), body)));
                }
            }
            table.setSpacingBefore(4);
            table.setSpacingAfter(10);
            document.add(table);
        }
        for (String note : notes) {
            document.add(new Paragraph(note, body));
        }
        document.close();
        return out.toByteArray();
    }

    /**
     * The Khmer font, loaded once, with complex-script shaping. OpenPDF by itself maps characters to glyphs one by
     * one, which breaks Khmer (the coeng U+17D2 shows as a glyph instead of making the next consonant a subscript, and
     * pre-base vowels such as U+17C1 stay after their consonant). Its {@link LayoutProcessor} instead lays text out
     * with {@code java.awt.Font#layoutGlyphVector}, which the JDK shapes with its bundled HarfBuzz; OpenPDF then writes
     * the shaped glyph ids and offsets. Hazard: LayoutProcessor is JVM-wide static state — {@code enable()} may be
     * called once only and its font map is a plain HashMap — so this holder enables it and loads the font during
     * class initialisation (which the JVM runs once, thread-safely); afterwards the map is only read. Fonts that
     * other code creates without {@code loadFont} are unaffected. See docs/decisions/0005-khmer-in-report-pdfs.md.
     */
    static final class ShapedFont {

        static final String RESOURCE = "/static/fonts/NotoSansKhmer-Regular.ttf";
        static final BaseFont BASE = load();

        private ShapedFont() {
        }

        private static BaseFont load() {
            java.nio.file.Path file = null;
            try (InputStream in = ReportDocuments.class.getResourceAsStream(RESOURCE)) {
                byte[] bytes = in.readAllBytes();
                BaseFont base = BaseFont.createFont("NotoSansKhmer-Regular.ttf", BaseFont.IDENTITY_H,
                        BaseFont.EMBEDDED, true, bytes, null);
                synchronized (LayoutProcessor.class) {
                    if (!LayoutProcessor.isEnabled()) {
                        LayoutProcessor.enable();
                    }
                }
                // loadFont reads a file name (or URL); a temporary copy works the same from the IDE, the tests and
                // the packaged jar (whose nested resource URLs need Spring Boot's URL handlers). AWT reads it at once.
                file = java.nio.file.Files.createTempFile("haven-khmer-", ".ttf");
                java.nio.file.Files.write(file, bytes);
                LayoutProcessor.loadFont(base, file.toString());
                return base;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } finally {
                if (file != null) {
                    try {
                        java.nio.file.Files.deleteIfExists(file);
                    } catch (IOException ignored) {
                        // a font file in the temporary directory holds no data; the OS cleans it up
                    }
                }
            }
        }
    }

    private static List<ReportView.Row> concat(List<ReportView.Row> rows, ReportView.Row totals) {
        List<ReportView.Row> all = new java.util.ArrayList<>(rows);
        if (totals != null) {
            all.add(totals);
        }
        return all;
    }
}
