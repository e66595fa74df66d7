package org.rundbrief.collect;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Dates as club websites write them: ISO ({@code 2026-10-17 00:16}, with or without offset),
 * German numeric ({@code 17.10.2026}, {@code 17.10.26 14:30 Uhr}) and German long form
 * ({@code 17. Oktober 2026}, {@code Sa, 17. Okt. 2026}). Times without an offset are in the
 * site's time zone. Anything else, or an impossible date (31.02.), gives empty.
 */
final class GermanDates {
    private static final Map<String, Integer> MONTHS = Map.ofEntries(
            Map.entry("jan", 1), Map.entry("jän", 1), Map.entry("feb", 2), Map.entry("mär", 3), Map.entry("mrz", 3),
            Map.entry("mar", 3), Map.entry("apr", 4), Map.entry("mai", 5), Map.entry("may", 5), Map.entry("jun", 6),
            Map.entry("jul", 7), Map.entry("aug", 8), Map.entry("sep", 9), Map.entry("okt", 10), Map.entry("oct", 10),
            Map.entry("nov", 11), Map.entry("dez", 12), Map.entry("dec", 12));
    private static final Pattern ISO = Pattern.compile("(\\d{4})-(\\d{1,2})-(\\d{1,2})(?:[T ](\\d{1,2}):(\\d{2})(?::(\\d{2}))?)?");
    private static final Pattern NUMERIC = Pattern.compile("(\\d{1,2})\\.\\s?(\\d{1,2})\\.\\s?(\\d{4}|\\d{2})(?!\\d)");
    private static final Pattern LONG = Pattern.compile("(\\d{1,2})\\.?\\s+([\\p{L}]{3,})\\.?\\s+(\\d{4})");
    private static final Pattern TIME = Pattern.compile("(?<![\\d.])(\\d{1,2})[:.](\\d{2})(?:\\s*Uhr)?(?![\\d.])");

    private GermanDates() {}

    static Optional<Instant> parse(String raw, ZoneId zone) {
        if (raw == null || raw.isBlank()) {
            return Optional.empty();
        }
        String text = raw.trim();
        try {
            return Optional.of(OffsetDateTime.parse(text).toInstant());
        } catch (DateTimeParseException notOffset) {
            // fall through to the local forms
        }
        try {
            Matcher m = ISO.matcher(text);
            if (m.find()) {
                LocalDate day = LocalDate.of(i(m, 1), i(m, 2), i(m, 3));
                LocalTime time = m.group(4) == null ? LocalTime.MIDNIGHT
                        : LocalTime.of(i(m, 4), i(m, 5), m.group(6) == null ? 0 : i(m, 6));
                return Optional.of(LocalDateTime.of(day, time).atZone(zone).toInstant());
            }
            m = NUMERIC.matcher(text);
            if (m.find()) {
                int year = i(m, 3) < 100 ? 2000 + i(m, 3) : i(m, 3);
                return Optional.of(at(LocalDate.of(year, i(m, 2), i(m, 1)), text.substring(m.end()), zone));
            }
            m = LONG.matcher(text);
            while (m.find()) {
                String month = m.group(2).toLowerCase(Locale.GERMAN);
                Integer number = month.length() >= 3 ? MONTHS.get(month.substring(0, 3)) : null;
                if (number != null) {
                    return Optional.of(at(LocalDate.of(i(m, 3), number, i(m, 1)), text.substring(m.end()), zone));
                }
            }
        } catch (java.time.DateTimeException impossible) {
            return Optional.empty();
        }
        return Optional.empty();
    }

    private static Instant at(LocalDate day, String rest, ZoneId zone) {
        Matcher t = TIME.matcher(rest);
        LocalTime time = t.find() ? LocalTime.of(Integer.parseInt(t.group(1)), Integer.parseInt(t.group(2))) : LocalTime.MIDNIGHT;
        return LocalDateTime.of(day, time).atZone(zone).toInstant();
    }

    private static int i(Matcher m, int group) {
        return Integer.parseInt(m.group(group));
    }
}
