package org.rundbrief.collect;

import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import org.jdom2.Document;
import org.jdom2.Element;
import org.jdom2.Namespace;

/**
 * A fast path for the item dates of a feed. Rome parses every date by trying up to two dozen
 * {@code SimpleDateFormat} masks, each built anew (about half of Rome's time on a large feed).
 * Here the two forms nearly every feed uses are read with plain code first: RFC 822 / RFC 1123
 * ({@code Sat, 01 Nov 2026 12:00:00 +0000}, RSS 2.0) and RFC 3339 ({@code 2026-11-01T12:00:00Z},
 * Atom, Dublin Core). A date read here is written back in the one form Rome's first mask takes, so
 * Rome still builds every date itself (same fields, same precedence) but at the cost of one mask.
 * Anything else, and anything the fast path has the slightest doubt about (other zones, two-digit
 * years, a weekday that does not match, surrounding whitespace, leap seconds, impossible days), is
 * left untouched for Rome's own, lenient parsing: the results are identical either way.
 */
final class FeedDates {
    private static final Namespace DC = Namespace.getNamespace("http://purl.org/dc/elements/1.1/");
    private static final Namespace ATOM = Namespace.getNamespace("http://www.w3.org/2005/Atom");
    /** What Rome's first W3C mask ({@code yyyy-MM-dd'T'HH:mm:ss.SSSz}) reads in one attempt. */
    private static final DateTimeFormatter ROME_FIRST_MASK = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'")
            .withZone(ZoneOffset.UTC);
    private static final List<String> MONTHS =
            List.of("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec");
    /** Before 1583 SimpleDateFormat counts Julian days and java.time Gregorian ones: such dates go to Rome. */
    private static final int MIN_YEAR = 1900;
    private static final List<String> WEEKDAYS = List.of("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun");

    private FeedDates() {}

    /** Rewrites the date elements of every item/entry that the fast path reads into Rome's cheapest form. */
    static void prepare(Document document) {
        Element root = document.getRootElement();
        prepareItems(root);
        for (Element child : root.getChildren()) {
            prepareItems(child); // RSS 2.0 keeps its items in <channel>
        }
    }

    private static void prepareItems(Element parent) {
        for (Element item : parent.getChildren()) {
            String name = item.getName();
            if (name.equals("item") || name.equals("entry")) {
                for (Element field : item.getChildren()) {
                    if (isDate(field, item)) {
                        Instant instant = parse(field.getText());
                        if (instant != null) {
                            field.setText(ROME_FIRST_MASK.format(instant));
                        }
                    }
                }
            }
        }
    }

    private static boolean isDate(Element field, Element item) {
        Namespace ns = field.getNamespace();
        return switch (field.getName()) {
            case "pubDate" -> ns.equals(item.getNamespace());
            case "date" -> ns.equals(DC);
            case "published", "updated" -> ns.equals(ATOM);
            default -> false;
        };
    }

    /** The instant of an RFC 1123 or RFC 3339 date in the strict forms described above, else null. */
    static Instant parse(String text) {
        if (text.length() < 16 || Character.isWhitespace(text.charAt(0))
                || Character.isWhitespace(text.charAt(text.length() - 1))) {
            return null;
        }
        try {
            return Character.isDigit(text.charAt(0)) && text.charAt(4) == '-' ? rfc3339(text) : rfc1123(text);
        } catch (DateTimeException e) {
            return null; // an impossible day or time: Rome's lenient parsing decides
        }
    }

    /** {@code [Www, ]d Mmm yyyy HH:mm[:ss] (+hhmm|-hhmm|GMT)} (RFC 822 §5 with the four-digit year of RFC 1123). */
    private static Instant rfc1123(String s) {
        Cursor c = new Cursor(s);
        DayOfWeek weekday = null;
        if (Character.isLetter(s.charAt(0))) {
            int w = WEEKDAYS.indexOf(c.letters(3));
            if (w < 0 || !c.skip(", ")) {
                return null;
            }
            weekday = DayOfWeek.of(w + 1);
        }
        int day = c.digits(1, 2);
        int month = c.skip(" ") ? MONTHS.indexOf(c.letters(3)) + 1 : 0;
        int year = month > 0 && c.skip(" ") ? c.digits(4, 4) : -1;
        if (year < MIN_YEAR || !c.skip(" ")) {
            return null;
        }
        int hour = c.digits(2, 2);
        int minute = c.skip(":") ? c.digits(2, 2) : -1;
        int second = c.skip(":") ? c.digits(2, 2) : 0;
        if (minute < 0 || second < 0 || !c.skip(" ")) {
            return null;
        }
        ZoneOffset offset = offset(c, "GMT", "");
        if (offset == null || !c.atEnd() || second > 59) {
            return null;
        }
        LocalDate date = LocalDate.of(year, month, day);
        if (weekday != null && date.getDayOfWeek() != weekday) {
            return null;
        }
        return LocalDateTime.of(date, java.time.LocalTime.of(hour, minute, second)).toInstant(offset);
    }

    /** {@code yyyy-MM-ddTHH:mm:ss[.SSS](Z|+hh:mm|-hh:mm)}: RFC 3339 §5.6 with no or exactly three fraction digits. */
    private static Instant rfc3339(String s) {
        Cursor c = new Cursor(s);
        int year = c.digits(4, 4);
        int month = c.skip("-") ? c.digits(2, 2) : -1;
        int day = c.skip("-") ? c.digits(2, 2) : -1;
        int hour = c.skip("T") ? c.digits(2, 2) : -1;
        int minute = c.skip(":") ? c.digits(2, 2) : -1;
        int second = c.skip(":") ? c.digits(2, 2) : -1;
        int millis = c.skip(".") ? c.digits(3, 3) : 0;
        if (year < MIN_YEAR || month < 0 || day < 0 || hour < 0 || minute < 0 || second < 0 || second > 59 || millis < 0) {
            return null;
        }
        ZoneOffset offset = offset(c, "Z", ":");
        if (offset == null || !c.atEnd()) {
            return null;
        }
        return LocalDateTime.of(year, month, day, hour, minute, second, millis * 1_000_000).toInstant(offset);
    }

    /** {@code utc}, or a sign, two-digit hours, {@code separator} and two-digit minutes; null when it is neither. */
    private static ZoneOffset offset(Cursor c, String utc, String separator) {
        if (c.skip(utc)) {
            return ZoneOffset.UTC;
        }
        char sign = c.next();
        int hh = c.digits(2, 2);
        int mm = c.skip(separator) ? c.digits(2, 2) : -1;
        if ((sign != '+' && sign != '-') || hh < 0 || hh > 18 || mm < 0 || mm > 59) {
            return null;
        }
        return ZoneOffset.ofHoursMinutes(sign == '-' ? -hh : hh, sign == '-' ? -mm : mm);
    }

    /** Reads a date left to right; every read returns a "no" value (-1, '\0', "") past the end. */
    private static final class Cursor {
        private final String s;
        private int i;

        Cursor(String s) {
            this.s = s;
        }

        boolean skip(String literal) {
            if (s.startsWith(literal, i)) {
                i += literal.length();
                return true;
            }
            return false;
        }

        char next() {
            return i < s.length() ? s.charAt(i++) : '\0';
        }

        String letters(int n) {
            if (i + n > s.length()) {
                return "";
            }
            String word = s.substring(i, i + n);
            i += n;
            return word;
        }

        /** A number of {@code min} to {@code max} ASCII digits, or -1. */
        int digits(int min, int max) {
            int value = 0;
            int n = 0;
            while (n < max && i < s.length() && s.charAt(i) >= '0' && s.charAt(i) <= '9') {
                value = value * 10 + (s.charAt(i++) - '0');
                n++;
            }
            return n >= min && n > 0 ? value : -1;
        }

        boolean atEnd() {
            return i == s.length();
        }
    }
}
