package org.haven.linkage.batch;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.haven.linkage.engine.Attribute;
import org.haven.linkage.engine.DateParser;
import org.haven.linkage.engine.InputRecord;
import org.haven.linkage.engine.PartialDate;
import org.haven.shared.command.CommandLineUsageException;

/** Reads one input CSV (header row; fields trimmed; comma, semicolon or tab separated) into mapped records. */
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
        CSVFormat format = CSVFormat.DEFAULT.builder().setDelimiter(delimiter).setTrim(true)
                .setIgnoreSurroundingSpaces(true).setIgnoreEmptyLines(true).build();
        List<InputRecord> out = new ArrayList<>();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8);
             CSVParser parser = CSVParser.parse(reader, format)) {
            var iterator = parser.iterator();
            if (!iterator.hasNext()) {
                throw new CommandLineUsageException("Input file is empty (no header row): " + file);
            }
            CSVRecord header = iterator.next();
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
            while (iterator.hasNext()) {
                CSVRecord row = iterator.next();
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

    private static String value(CSVRecord row, int index) {
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

    static Map<Attribute, Boolean> unused() {
        return new EnumMap<>(Attribute.class);
    }

    static String lower(String s) {
        return s.toLowerCase(Locale.ROOT);
    }
}
