package org.haven.reporting.analysis;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.io.StringReader;
import java.sql.Connection;
import java.sql.SQLException;

import javax.sql.DataSource;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.postgresql.PGConnection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.datasource.DataSourceUtils;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Loads a CTDC CSV into the analysis tables ({@code ctdc_import}, {@code ctdc_victim}). A file is recognised by the
 * SHA-256 of its bytes, so importing it again adds nothing; within a file a row's key is its line number (synthetic
 * CTDC rows repeat, so their content is no key). The whole file is one transaction: a stop on a malformed row
 * leaves nothing behind.
 */
@Service
public class CtdcImporter {

    /** What to do with a row that breaks the dictionary. */
    public enum OnError {
        SKIP, STOP
    }

    /** Outcome of an import. {@code alreadyImported}: the file was there before and nothing was added. */
    public record Result(UUID importId, boolean alreadyImported, int imported, int skipped, List<String> problems) {
    }

    /** A malformed row under {@link OnError#STOP}: the import was rolled back. */
    public static final class Stopped extends RuntimeException {
        Stopped(String message) {
            super(message);
        }
    }

    private static final Logger log = LoggerFactory.getLogger(CtdcImporter.class);
    private static final int BATCH = 5000;

    private final JdbcClient jdbc;
    private final DataSource dataSource;
    private final TransactionTemplate tx;

    CtdcImporter(JdbcClient jdbc, DataSource dataSource, TransactionTemplate tx) {
        this.jdbc = jdbc;
        this.dataSource = dataSource;
        this.tx = tx;
    }

    public Result importFile(Path file, OnError onError, PrintStream progress) {
        String sha = sha256(file);
        Optional<UUID> existing = jdbc.sql("select id from ctdc_import where file_sha256 = ?").param(sha)
                .query(UUID.class).optional();
        if (existing.isPresent()) {
            return new Result(existing.get(), true, 0, 0, List.of());
        }
        long totalLines = countLines(file);
        return tx.execute(status -> load(file, sha, onError, progress, Math.max(0, totalLines - 1)));
    }

    private Result load(Path file, String sha, OnError onError, PrintStream progress, long total) {
        UUID importId = UUID.randomUUID();
        List<String> problems = new ArrayList<>();
        int imported = 0;
        int skipped = 0;
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8);
                CSVParser parser = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get()
                        .parse(reader)) {
            List<String> header = parser.getHeaderNames();
            CtdcLayout layout = CtdcLayout.detect(header);
            if (layout == null) {
                throw new Stopped("line 1: not a CTDC file (no yearOfRegistration/CountryOfExploitation or "
                        + "yearRegister/UN_COO_Region columns)");
            }
            for (String column : layout.requiredColumns()) {
                if (!header.contains(column)) {
                    throw new Stopped("line 1: column " + column + " is missing");
                }
            }
            // the import row goes first (foreign key); its counts are set at the end
            jdbc.sql("insert into ctdc_import (id, file_sha256, file_name, layout, rows_imported, rows_skipped) "
                    + "values (?, ?, ?, ?, 0, 0)")
                    .params(importId, sha, file.getFileName().toString(), layout.name()).update();
            List<Object[]> batch = new ArrayList<>();
            var iterator = parser.iterator();
            while (true) {
                CSVRecord record;
                try {
                    if (!iterator.hasNext()) {
                        break;
                    }
                    record = iterator.next();
                } catch (UncheckedIOException | IllegalStateException e) {
                    // a broken quote makes the rest of the file unreadable: always a stop
                    throw new Stopped("line " + (parser.getCurrentLineNumber() + 1) + ": unreadable CSV ("
                            + e.getClass().getSimpleName() + ")");
                }
                int line = (int) record.getRecordNumber() + 1;
                try {
                    if (record.size() != header.size()) {
                        throw new CtdcLayout.Malformed("expected " + header.size() + " fields, found " + record.size());
                    }
                    Map<String, String> values = new LinkedHashMap<>();
                    for (int i = 0; i < header.size(); i++) {
                        values.put(header.get(i), record.get(i).trim());
                    }
                    CtdcLayout.Row row = layout.parse(values);
                    batch.add(new Object[] {line, row});
                    imported++;
                } catch (CtdcLayout.Malformed e) {
                    String problem = "line " + line + ": " + e.getMessage();
                    if (onError == OnError.STOP) {
                        throw new Stopped(problem);
                    }
                    problems.add(problem);
                    skipped++;
                }
                if (batch.size() >= BATCH) {
                    insert(importId, batch);
                    batch.clear();
                }
                long done = imported + skipped;
                if (progress != null && (done % 500 == 0)) {
                    progress(progress, done, total);
                }
            }
            insert(importId, batch);
            if (progress != null) {
                progress(progress, imported + skipped, total);
                progress.println();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        jdbc.sql("update ctdc_import set rows_imported = ?, rows_skipped = ? where id = ?")
                .params(imported, skipped, importId).update();
        log.info("CTDC import {}: {} rows imported, {} skipped", importId, imported, skipped);
        return new Result(importId, false, imported, skipped, problems);
    }

    private static void progress(PrintStream out, long done, long total) {
        int width = 30;
        int filled = total == 0 ? width : (int) Math.min(width, done * width / total);
        out.print("\rimport ctdc [" + "#".repeat(filled) + " ".repeat(width - filled) + "] " + done + "/" + total
                + " rows");
        out.flush();
    }

    /**
     * Appends a batch with PostgreSQL's COPY (several times faster than batched inserts), on the connection of the
     * surrounding transaction so that a later stop rolls it back.
     */
    private void insert(UUID importId, List<Object[]> batch) {
        if (batch.isEmpty()) {
            return;
        }
        StringBuilder csv = new StringBuilder(batch.size() * 96);
        for (Object[] item : batch) {
            CtdcLayout.Row row = (CtdcLayout.Row) item[1];
            csv.append(importId).append(',').append(item[0]).append(',')
                    .append(field(row.yearLabel())).append(',')
                    .append(row.yearFrom() == null ? "" : row.yearFrom()).append(',')
                    .append(row.yearTo() == null ? "" : row.yearTo()).append(',')
                    .append(field(row.gender())).append(',')
                    .append(field(row.ageBroad())).append(',')
                    .append(field(row.citizenship())).append(',')
                    .append(field(row.countryOfExploitation())).append(',')
                    .append(field(row.traffickMonths())).append(',')
                    .append(quoteCsv("{" + String.join(",", row.flags()) + "}")).append(',')
                    .append(quoteCsv(toJson(row.attributes()))).append('\n');
        }
        Connection connection = DataSourceUtils.getConnection(dataSource);
        try {
            connection.unwrap(PGConnection.class).getCopyAPI().copyIn("copy ctdc_victim (import_id, line_no, "
                    + "year_label, year_from, year_to, gender, age_broad, citizenship, country_of_exploitation, "
                    + "traffick_months, flags, attributes) from stdin with (format csv)",
                    new StringReader(csv.toString()));
        } catch (SQLException | IOException e) {
            throw new IllegalStateException("copy into ctdc_victim failed", e);
        } finally {
            DataSourceUtils.releaseConnection(connection, dataSource);
        }
    }

    /** Empty → NULL (unquoted empty in COPY csv); anything else quoted. */
    private static String field(String s) {
        return s == null || s.isEmpty() ? "" : quoteCsv(s);
    }

    private static String quoteCsv(String s) {
        return "\"" + s.replace("\"", "\"\"") + "\"";
    }

    /** A flat JSON object of strings (values are dictionary codes; escaped all the same). */
    static String toJson(Map<String, String> attributes) {
        StringBuilder sb = new StringBuilder("{");
        for (var e : attributes.entrySet()) {
            if (sb.length() > 1) {
                sb.append(',');
            }
            sb.append(quote(e.getKey())).append(':').append(quote(e.getValue()));
        }
        return sb.append('}').toString();
    }

    private static String quote(String s) {
        StringBuilder sb = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                default -> {
                    if (c < 0x20) {
                        sb.append(String.format("\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        return sb.append('"').toString();
    }

    private static String emptyToNull(String s) {
        return s == null || s.isEmpty() ? null : s;
    }

    private static long countLines(Path file) {
        try (var lines = Files.lines(file, StandardCharsets.UTF_8)) {
            return lines.count();
        } catch (IOException | UncheckedIOException e) {
            return 0;
        }
    }

    private static String sha256(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            byte[] buffer = new byte[65536];
            int n;
            while ((n = in.read(buffer)) > 0) {
                digest.update(buffer, 0, n);
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
