package org.rundbrief.subscriber;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * Reads a subscriber CSV one record at a time (never the whole file): header
 * {@code email,name,language,topics,frequency}; topics separated by {@code ;}; frequency is the
 * cadence. Only {@code email} is required; other columns (such as the status and dates of an
 * export) are ignored. Every row goes to the {@link Sink} either as a checked subscriber or as a
 * rejection with its line number (the first line of a record that spans lines) and reason.
 */
public final class CsvSubscriberReader {
    public static final List<String> COLUMNS = List.of("email", "name", "language", "topics", "frequency");
    private static final CSVFormat FORMAT = CSVFormat.DEFAULT.builder()
            .setHeader().setSkipHeaderRecord(true).setIgnoreEmptyLines(true).get();

    /** Receives every data row of the file in order. */
    public interface Sink {
        void accepted(long line, NewSubscriber subscriber);

        void rejected(long line, String reason);
    }

    private final Choices choices;

    public CsvSubscriberReader(Choices choices) {
        this.choices = choices;
    }

    /** Reads all rows into {@code sink}; a file without an {@code email} column is refused before any row. */
    public void read(Reader reader, Sink sink) {
        SeenEmails seen = new SeenEmails();
        try (CSVParser parser = FORMAT.parse(withoutByteOrderMark(reader))) {
            Map<String, Integer> header = lowerCase(parser.getHeaderMap());
            if (!header.containsKey("email")) {
                throw new IllegalArgumentException("line 1: no 'email' column (expected the header "
                        + String.join(",", COLUMNS) + ")");
            }
            for (CSVRecord record : parser) {
                long line = parser.getCurrentLineNumber() - lineBreaksInside(record);
                try {
                    NewSubscriber s = choices.subscriber(get(record, header, "email"), get(record, header, "name"),
                            get(record, header, "language"), split(get(record, header, "topics")),
                            get(record, header, "frequency"));
                    long first = seen.firstLine(s.email(), line);
                    if (first != 0) {
                        sink.rejected(line, "duplicate of line " + first + " (" + s.email() + ")");
                    } else {
                        sink.accepted(line, s);
                    }
                } catch (IllegalArgumentException e) {
                    sink.rejected(line, e.getMessage());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the CSV: " + e.getMessage(), e);
        } catch (IllegalStateException | UncheckedIOException e) {
            // commons-csv reports malformed quoting this way; the message carries its line
            throw new IllegalArgumentException("malformed CSV: " + e.getMessage(), e);
        }
    }

    private static String get(CSVRecord record, Map<String, Integer> header, String column) {
        Integer i = header.get(column);
        return i == null || i >= record.size() ? null : record.get(i);
    }

    private static List<String> split(String topics) {
        return topics == null || topics.isBlank() ? List.of() : Arrays.asList(topics.split(";", -1));
    }

    private static Map<String, Integer> lowerCase(Map<String, Integer> header) {
        var out = new java.util.HashMap<String, Integer>();
        header.forEach((k, v) -> out.putIfAbsent(k.strip().toLowerCase(Locale.ROOT), v));
        return out;
    }

    /** Line breaks inside quoted values (CRLF counts once, as the parser counts lines). */
    private static long lineBreaksInside(CSVRecord record) {
        long n = 0;
        for (String v : record) {
            for (int i = 0; i < v.length(); i++) {
                char c = v.charAt(i);
                if (c == '\n' || (c == '\r' && (i + 1 == v.length() || v.charAt(i + 1) != '\n'))) {
                    n++;
                }
            }
        }
        return n;
    }

    /** Spreadsheet programs like to start UTF-8 files with U+FEFF; it is not part of the header. */
    private static Reader withoutByteOrderMark(Reader in) throws IOException {
        var pushback = new java.io.PushbackReader(new java.io.BufferedReader(in, 1 << 16), 1);
        int first = pushback.read();
        if (first != -1 && first != '\uFEFF') {
            pushback.unread(first);
        }
        return pushback;
    }
}
