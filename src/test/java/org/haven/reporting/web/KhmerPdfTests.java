package org.haven.reporting.web;

import java.awt.font.FontRenderContext;
import java.awt.font.GlyphVector;
import java.awt.geom.AffineTransform;
import java.io.InputStream;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import com.lowagie.text.pdf.PRTokeniser;
import com.lowagie.text.pdf.PdfReader;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Khmer in report PDFs is shaped: the glyphs written are those HarfBuzz (in the JDK) chooses for the text —
 * subscript consonant forms, pre-base vowels moved — and never the bare coeng sign that unshaped output shows.
 */
class KhmerPdfTests {

    static final String STACKED = "ស្ថិតិជាតិ ស្ត្រី ក្មេង";

    @Test
    void pdfCarriesTheShapedGlyphsOfKhmerAndNoBareCoeng() throws Exception {
        byte[] pdf = ReportDocuments.pdf(STACKED, List.of("ការកំណត់ចំណាំ"), List.of(new ReportView.Table("t", "តារាង",
                List.of("ស្ត្រី"), List.of(new ReportView.Row("ក្មេង", List.of("12"), "12")),
                new ReportView.Row("សរុប", List.of("12"), "12"))));
        Set<Integer> written = glyphs(pdf);

        java.awt.Font font;
        try (InputStream in = KhmerPdfTests.class.getResourceAsStream("/static/fonts/NotoSansKhmer-Regular.ttf")) {
            font = java.awt.Font.createFont(java.awt.Font.TRUETYPE_FONT, in).deriveFont(12f);
        }
        FontRenderContext frc = new FontRenderContext(new AffineTransform(), false, true);
        char[] chars = STACKED.toCharArray();
        GlyphVector shaped = font.layoutGlyphVector(frc, chars, 0, chars.length, java.awt.Font.LAYOUT_LEFT_TO_RIGHT);
        Set<Integer> expected = new HashSet<>();
        for (int i = 0; i < shaped.getNumGlyphs(); i++) {
            expected.add(shaped.getGlyphCode(i));
        }
        int coeng = font.createGlyphVector(frc, "\u17D2").getGlyphCode(0);
        assertThat(shaped.getNumGlyphs()).as("shaping merges coeng + consonant").isLessThan(chars.length);
        assertThat(expected).doesNotContain(coeng);
        assertThat(written).containsAll(expected).doesNotContain(coeng);
    }

    /** The two-byte glyph ids (Identity-H) of every string shown on the first page. */
    private static Set<Integer> glyphs(byte[] pdf) throws Exception {
        PdfReader reader = new PdfReader(pdf);
        PRTokeniser tokens = new PRTokeniser(reader.getPageContent(1));
        Set<Integer> ids = new HashSet<>();
        while (tokens.nextToken()) {
            if (tokens.getTokenType() == PRTokeniser.TK_STRING) {
                String s = tokens.getStringValue();
                for (int i = 0; i + 1 < s.length(); i += 2) {
                    ids.add(((s.charAt(i) & 0xff) << 8) | (s.charAt(i + 1) & 0xff));
                }
            }
        }
        reader.close();
        return ids;
    }
}
