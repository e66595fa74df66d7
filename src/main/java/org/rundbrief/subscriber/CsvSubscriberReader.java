package org.rundbrief.subscriber;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * Reads a subscriber CSV one record at a time (never the whole file), as people write them: the
 * separator is sniffed from the header line ({@code ,} {@code ;} or tab: German Excel writes
 * {@code ;}), and header names are matched in English or German, ignoring case, spaces, hyphens
 * and underscores ({@code email}/{@code E-Mail}, {@code name}, {@code language}/{@code Sprache},
 * {@code topics}/{@code Themen}, {@code frequency}/{@code Rhythmus}/{@code Häufigkeit}).
 * Topics are separated by {@code ;} or {@code ,}; frequency is the cadence. Only the e-mail column
 * is required; other columns (such as the status and dates of an export) are ignored. Every row
 * goes to the {@link Sink} either as a checked subscriber or as a rejection with its line number
 * (the first line of a record that spans lines) and its problems. Bytes become text in {@link CsvEncoding}.
 */
public final class CsvSubscriberReader {
    public static final List<String> COLUMNS = List.of("email", "name", "language", "topics", "frequency");
    /** Header names accepted per column, normalized by {@link #normalize(String)}. */
    private static final Map<String, String> ALIASES = Map.ofEntries(
            Map.entry("email", "email"), Map.entry("mail", "email"), Map.entry("emailadresse", "email"),
            Map.entry("emailaddress", "email"), Map.entry("name", "name"),
            Map.entry("language", "language"), Map.entry("sprache", "language"),
            Map.entry("topics", "topics"), Map.entry("themen", "topics"),
            Map.entry("frequency", "frequency"), Map.entry("cadence", "frequency"),
            Map.entry("rhythmus", "frequency"), Map.entry("häufigkeit", "frequency"));
    private static final char[] SEPARATORS = {',', ';', '\t'};
    /** The header line must fit in the look-ahead used to sniff the separator. */
    private static final int HEADER_LIMIT = 1 << 16;

    /** Receives every data row of the file in order. */
    public interface Sink {
        void accepted(long line, NewSubscriber subscriber);

        /** {@code why} names every problem of the row (its message is the English text). */
        void rejected(long line, InvalidInput why);
    }

    private final Choices choices;

    public CsvSubscriberReader(Choices choices) {
        this.choices = choices;
    }

    /** Reads all rows into {@code sink}; a file without an e-mail column is refused before any row. */
    public void read(Reader reader, Sink sink) {
        SeenEmails seen = new SeenEmails();
        try {
            BufferedReader in = withoutByteOrderMark(reader);
            char separator = sniffSeparator(in);
            CSVFormat format = CSVFormat.DEFAULT.builder().setDelimiter(separator)
                    .setHeader().setSkipHeaderRecord(true).setIgnoreEmptyLines(true).get();
            try (CSVParser parser = format.parse(in)) {
                Map<String, Integer> header = columns(parser.getHeaderNames());
                if (!header.containsKey("email")) {
                    throw new IllegalArgumentException(noEmailColumn(parser.getHeaderNames(), separator));
                }
                for (CSVRecord record : parser) {
                    row(record, header, parser.getCurrentLineNumber() - lineBreaksInside(record), seen, sink);
                }
            }
        } catch (CharacterCodingException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the CSV: " + e.getMessage(), e);
        } catch (UncheckedIOException e) {
            if (e.getCause() instanceof CharacterCodingException c) {
                throw new IllegalArgumentException(c.getMessage(), c); // CsvEncoding names the line
            }
            throw new IllegalArgumentException("malformed CSV: " + e.getMessage(), e);
        } catch (IllegalStateException e) {
            // commons-csv reports malformed quoting this way; the message carries its line
            throw new IllegalArgumentException("malformed CSV: " + e.getMessage(), e);
        }
    }

    private void row(CSVRecord record, Map<String, Integer> header, long line, SeenEmails seen, Sink sink) {
        try {
            NewSubscriber s = choices.subscriber(get(record, header, "email"), get(record, header, "name"),
                    get(record, header, "language"), split(get(record, header, "topics")),
                    get(record, header, "frequency"));
            long first = seen.firstLine(s.email(), line);
            if (first != 0) {
                sink.rejected(line, new InvalidInput(List.of(new InvalidInput.Problem("email",
                        "duplicate of line " + first + " (" + s.email() + ")", "duplicate",
                        Map.of("line", Long.toString(first), "email", s.email().value())))));
            } else {
                sink.accepted(line, s);
            }
        } catch (InvalidInput e) {
            sink.rejected(line, e);
        }
    }

    /** The separator that occurs most often (outside quotes) in the header line; a comma if none. */
    private static char sniffSeparator(BufferedReader in) throws IOException {
        in.mark(HEADER_LIMIT);
        int[] counts = new int[SEPARATORS.length];
        boolean quoted = false;
        for (int i = 0, c = in.read(); i < HEADER_LIMIT && c != -1; i++, c = in.read()) {
            if (c == '"') {
                quoted = !quoted;
            } else if (!quoted && (c == '\n' || c == '\r')) {
                break;
            } else if (!quoted) {
                for (int k = 0; k < SEPARATORS.length; k++) {
                    if (c == SEPARATORS[k]) {
                        counts[k]++;
                    }
                }
            }
        }
        in.reset();
        int best = 0;
        for (int k = 1; k < SEPARATORS.length; k++) {
            if (counts[k] > counts[best]) {
                best = k;
            }
        }
        return SEPARATORS[best];
    }

    /** Lower case without spaces, hyphens, underscores and dots: "E-Mail" and "e_mail" become "email". */
    static String normalize(String header) {
        return header.strip().toLowerCase(Locale.ROOT).replaceAll("[\\s\\-_.]", "");
    }

    private static Map<String, Integer> columns(List<String> names) {
        Map<String, Integer> out = new HashMap<>();
        for (int i = 0; i < names.size(); i++) {
            String column = ALIASES.get(normalize(names.get(i)));
            if (column != null) {
                out.putIfAbsent(column, i);
            }
        }
        return out;
    }

    private static String noEmailColumn(List<String> names, char separator) {
        String shown = separator == '\t' ? "tab" : "'" + separator + "'";
        String found = names.stream().map(n -> "\"" + n + "\"").collect(Collectors.joining(", "));
        StringBuilder m = new StringBuilder("line 1: no e-mail column; the header has the columns ")
                .append(found).append(" (separated by ").append(shown).append("). Name the column with the addresses "
                        + "'email' or 'E-Mail'; the other columns may be name, language, topics, frequency "
                        + "(German: Name, Sprache, Themen, Rhythmus).");
        if (names.size() <= 1) {
            m.append(" Only one column was found: separate the columns with ',' ';' or a tab.");
        }
        if (names.stream().anyMatch(n -> n.indexOf('\uFFFD') >= 0 || n.contains("Ã"))) {
            m.append(" The header looks garbled: choose the file's encoding with --encoding (utf-8 or windows-1252).");
        }
        return m.toString();
    }

    private static String get(CSVRecord record, Map<String, Integer> header, String column) {
        Integer i = header.get(column);
        return i == null || i >= record.size() ? null : record.get(i);
    }

    private static List<String> split(String topics) {
        return topics == null || topics.isBlank() ? List.of() : Arrays.asList(topics.split("[;,]", -1));
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
    private static BufferedReader withoutByteOrderMark(Reader in) throws IOException {
        BufferedReader buffered = new BufferedReader(in, HEADER_LIMIT);
        buffered.mark(1);
        if (buffered.read() != '\uFEFF') {
            buffered.reset();
        }
        return buffered;
    }
}
