package org.rundbrief.subscriber;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.util.concurrent.CancellationException;
import java.util.function.BooleanSupplier;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.time.Instant;
import java.util.Optional;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.rundbrief.mail.EmailAddress;

/**
 * Exports: one member's data as JSON (their right of access), and the whole list as CSV in the
 * import's columns plus status and dates, streamed row by row (an export can be re-imported).
 * {@link Layout#EXCEL} writes what a German Excel opens by double-click: {@code ;} between the
 * columns, German headers, UTF-8 with a byte order mark (without it Excel reads Windows-1252).
 */
public final class SubscriberExport {
    public static final String[] CSV_COLUMNS = {"email", "name", "language", "topics", "frequency", "status",
            "created_at", "confirmed_at"};
    static final String[] EXCEL_COLUMNS = {"E-Mail", "Name", "Sprache", "Themen", "Rhythmus", "Status",
            "Angemeldet am", "Bestätigt am"};

    /** How the CSV is laid out. */
    public enum Layout {
        STANDARD(CSVFormat.DEFAULT.builder().setHeader(CSV_COLUMNS).get(), ""),
        EXCEL(CSVFormat.EXCEL.builder().setDelimiter(';').setHeader(EXCEL_COLUMNS).get(), "\uFEFF");

        private final CSVFormat format;
        private final String start;

        Layout(CSVFormat format, String start) {
            this.format = format;
            this.start = start;
        }
    }
    private static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS).enable(SerializationFeature.INDENT_OUTPUT);

    private final SubscriberStore store;

    public SubscriberExport(SubscriberStore store) {
        this.store = store;
    }

    /** Everything stored about one address (profile, topics, consent log), or empty if unknown. */
    public Optional<String> json(EmailAddress email) {
        return store.byEmail(email).map(s -> {
            ObjectNode o = JSON.createObjectNode();
            o.put("email", s.email().value());
            o.put("name", s.name());
            o.put("status", s.status().id());
            o.put("cadence", s.cadence().id());
            o.put("language", s.language());
            ArrayNode topics = o.putArray("topics");
            s.topics().forEach(topics::add);
            o.putPOJO("createdAt", s.createdAt());
            o.putPOJO("confirmedAt", s.confirmedAt());
            ArrayNode consent = o.putArray("consentLog");
            store.consentLog(s.id()).forEach(c -> consent.addPOJO(c));
            try {
                return JSON.writeValueAsString(o);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    /** Writes every subscriber as CSV; returns the number of rows. */
    public long csv(Writer out) throws IOException {
        return csv(out, Layout.STANDARD);
    }

    /** Writes every subscriber as CSV in {@code layout}; returns the number of rows. */
    public long csv(Writer out, Layout layout) throws IOException {
        return csv(out, layout, () -> false);
    }

    /**
     * Writes every subscriber as CSV in {@code layout}, asking {@code stopping} before each row;
     * returns the number of rows. Once it says yes the export ends with a
     * {@link CancellationException}, and what was written is incomplete.
     */
    public long csv(Writer out, Layout layout, BooleanSupplier stopping) throws IOException {
        long[] rows = {0};
        out.write(layout.start);
        try (CSVPrinter csv = layout.format.print(out)) {
            store.forEach(s -> {
                if (stopping.getAsBoolean()) {
                    throw new CancellationException("stopped after " + rows[0] + " rows");
                }
                try {
                    csv.printRecord(cell(s.email().value()), cell(s.name()), s.language(), String.join(";", s.topics()),
                            s.cadence().id(), s.status().id(), text(s.createdAt()), text(s.confirmedAt()));
                    rows[0]++;
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
        return rows[0];
    }

    /**
     * A free-text cell made harmless for spreadsheets: one starting with {@code = + - @}, tab or
     * CR would be run as a formula (CSV injection, OWASP), so it gets a leading apostrophe.
     */
    static String cell(String value) {
        return value != null && !value.isEmpty() && "=+-@\t\r".indexOf(value.charAt(0)) >= 0 ? "'" + value : value;
    }

    private static String text(Instant i) {
        return i == null ? "" : i.toString();
    }
}
