package org.haven.linkage.batch;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.haven.linkage.engine.Attribute;
import org.haven.linkage.engine.DateParser;
import org.haven.linkage.engine.InputRecord;
import org.haven.linkage.engine.PartialDate;
import org.haven.shared.command.CommandLineUsageException;

/**
 * Reads one input CSV (header row; fields trimmed; comma, semicolon, tab or bar separated; RFC 4180 quoting with
 * quoted separators, doubled quotes and line breaks) into mapped records. A small reader of its own rather than
 * commons-csv: the command must start fast, and loading a library from the fat jar costs more than the parsing.
 */
final class CsvInput {

    /** --map ATTRIBUTE=COLUMN[:FORMAT]; several maps to one attribute are joined with a space. */
    record Mapping(Attribute attribute, String column, DateParser format) {
    }

    private CsvInput() {
    }

    static List<InputRecord> read(Path file, int source, String idColumn, List<Mapping> mappings) {
        if (!Files.isReadable(file)) {
            throw new CommandLineUsageException("Input file not found or not readable: " + file);
        }
        char delimiter = sniffDelimiter(file);
        List<InputRecord> out = new ArrayList<>();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            Rows rows = new Rows(reader, delimiter);
            List<String> header = rows.next();
            if (header == null) {
                throw new CommandLineUsageException("Input file is empty (no header row): " + file);
            }
            List<String> names = new ArrayList<>();
            for (String h : header) {
                names.add(h.replace("\uFEFF", "").trim());
            }
            int idIndex = column(names, idColumn, "--id", file);
            int[] index = new int[mappings.size()];
            for (int i = 0; i < mappings.size(); i++) {
                Mapping m = mappings.get(i);
                index[i] = column(names, m.column(), "--map " + m.attribute().label(), file);
            }
            int dateValues = 0;
            int dateParsed = 0;
            List<String> badSamples = new ArrayList<>();
            int attributes = Attribute.values().length;
            List<String> row;
            while ((row = rows.next()) != null) {
                String id = value(row, idIndex);
                if (id == null) {
                    continue;
                }
                String[] values = new String[attributes];
                PartialDate date = PartialDate.UNKNOWN;
                PartialDate year = PartialDate.UNKNOWN;
                for (int i = 0; i < mappings.size(); i++) {
                    Mapping m = mappings.get(i);
                    String v = value(row, index[i]);
                    if (v == null) {
                        continue;
                    }
                    int a = m.attribute().ordinal();
                    values[a] = values[a] == null ? v : values[a] + " " + v;
                    if (m.attribute() == Attribute.BIRTH_DATE) {
                        dateValues++;
                        date = m.format().parse(v);
                        if (date.known()) {
                            dateParsed++;
                        } else if (badSamples.size() < 1) {
                            badSamples.add(v);
                        }
                    } else if (m.attribute() == Attribute.BIRTH_YEAR) {
                        year = DateParser.parseYear(v);
                    }
                }
                out.add(new InputRecord(id, source, values, date.known() ? date : year));
            }
            if (dateValues >= 20 && dateParsed < dateValues / 10) {
                Mapping m = mappings.stream().filter(x -> x.attribute() == Attribute.BIRTH_DATE).findFirst().get();
                throw new CommandLineUsageException("Bad format: values of column '" + m.column() + "' in " + file
                        + " do not match date format " + m.format().pattern() + " (e.g. '" + badSamples.get(0) + "')");
            }
        } catch (IOException | java.io.UncheckedIOException e) {
            throw new CommandLineUsageException("Cannot read " + file + ": " + e.getMessage());
        }
        return out;
    }

    private static String value(List<String> row, int index) {
        if (index >= row.size()) {
            return null;
        }
        String v = row.get(index).trim();
        return v.isEmpty() ? null : v;
    }

    private static int column(List<String> names, String column, String option, Path file) {
        int i = names.indexOf(column.trim());
        if (i < 0) {
            for (int j = 0; j < names.size(); j++) {
                if (names.get(j).equalsIgnoreCase(column.trim())) {
                    return j;
                }
            }
            throw new CommandLineUsageException("Missing column: '" + column + "' (" + option + ") is not in the header of "
                    + file + " (columns: " + String.join(", ", names) + ")");
        }
        return i;
    }

    private static char sniffDelimiter(Path file) {
        try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String first = r.readLine();
            if (first == null) {
                return ',';
            }
            Map<Character, Integer> counts = new java.util.HashMap<>();
            for (char c : new char[] {',', ';', '\t', '|'}) {
                counts.put(c, (int) first.chars().filter(x -> x == c).count());
            }
            char best = ',';
            for (var e : counts.entrySet()) {
                if (e.getValue() > counts.get(best)) {
                    best = e.getKey();
                }
            }
            return best;
        } catch (IOException | java.io.UncheckedIOException e) {
            throw new CommandLineUsageException("Cannot read " + file + ": " + e.getMessage());
        }
    }

    /** Rows of a CSV stream: fields unquoted and trimmed, blank lines skipped. */
    static final class Rows {
        private final Reader in;
        private final char delimiter;
        private final char[] buf = new char[1 << 16];
        private int pos;
        private int len;
        private final StringBuilder cell = new StringBuilder();

        Rows(Reader in, char delimiter) {
            this.in = in;
            this.delimiter = delimiter;
        }

        private int read() throws IOException {
            if (pos == len) {
                len = in.read(buf, 0, buf.length);
                pos = 0;
                if (len <= 0) {
                    len = 0;
                    return -1;
                }
            }
            return buf[pos++];
        }

        /** The next non-blank row, or null at the end. */
        List<String> next() throws IOException {
            while (true) {
                List<String> row = new ArrayList<>();
                int c = read();
                if (c < 0) {
                    return null;
                }
                boolean blank = true;
                cell.setLength(0);
                boolean quoted = false;
                boolean wasQuoted = false;
                while (true) {
                    if (c < 0) {
                        break;
                    }
                    if (quoted) {
                        if (c == '"') {
                            int d = read();
                            if (d == '"') {
                                cell.append('"');
                            } else {
                                quoted = false;
                                c = d;
                                continue;
                            }
                        } else {
                            cell.append((char) c);
                        }
                    } else if (c == '"' && cell.toString().isBlank()) {
                        cell.setLength(0);
                        quoted = true;
                        wasQuoted = true;
                        blank = false;
                    } else if (c == delimiter) {
                        row.add(wasQuoted ? cell.toString() : cell.toString().trim());
                        cell.setLength(0);
                        wasQuoted = false;
                        blank = false;
                    } else if (c == '\n' || c == '\r') {
                        if (c == '\r') {
                            int d = read();
                            if (d != '\n' && d >= 0) {
                                pos--;
                            }
                        }
                        break;
                    } else {
                        if (!wasQuoted) {
                            cell.append((char) c);
                        }
                        if (c != ' ' && c != '\t') {
                            blank = false;
                        }
                    }
                    c = read();
                }
                row.add(wasQuoted ? cell.toString() : cell.toString().trim());
                if (!blank) {
                    return row;
                }
            }
        }
    }
}
