package org.rundbrief.collect;

import static org.assertj.core.api.Assertions.assertThat;

import com.rometools.rome.io.impl.DateParser;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Date;
import java.util.Locale;
import java.util.Random;
import org.jdom2.Document;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class FeedDatesTest {
    /** What Rome makes of a date text (the behaviour the fast path must never change). */
    static Instant rome(String text) {
        Date date = DateParser.parseDate(text, Locale.US);
        return date == null ? null : date.toInstant();
    }

    @Nested
    class FastPath {
        @ParameterizedTest(name = "{0}")
        @CsvSource(delimiter = '|', value = {
                "Sun, 01 Nov 2026 12:00:00 +0000     | 2026-11-01T12:00:00Z",
                "Sun, 1 Nov 2026 13:30:05 +0130      | 2026-11-01T12:00:05Z",
                "Sat, 31 Oct 2026 23:59 -0500        | 2026-11-01T04:59:00Z",
                "01 Nov 2026 12:00:00 GMT            | 2026-11-01T12:00:00Z",
                "2026-11-01T12:00:00Z                | 2026-11-01T12:00:00Z",
                "2026-11-01T13:00:00+01:00           | 2026-11-01T12:00:00Z",
                "2026-10-31T20:00:00.250-04:00       | 2026-11-01T00:00:00.250Z"})
        void readsRfc1123AndRfc3339AsRomeDoes(String text, String expected) {
            assertThat(FeedDates.parse(text)).isEqualTo(Instant.parse(expected)).isEqualTo(rome(text));
        }

        @Test
        void theRewrittenFormIsReadByRomeAsTheSameInstant() {
            Document document = feed("<pubDate>Sun, 01 Nov 2026 12:00:00 +0100</pubDate>");
            FeedDates.prepare(document);
            String rewritten = document.getRootElement().getChild("channel").getChild("item").getChildText("pubDate");
            assertThat(rewritten).isEqualTo("2026-11-01T11:00:00.000Z");
            assertThat(rome(rewritten)).isEqualTo(Instant.parse("2026-11-01T11:00:00Z"));
        }

        @Test
        void agreesWithRomeOnTwoThousandRandomDates() {
            Random random = new Random(42);
            DateTimeFormatter rfc1123 = DateTimeFormatter.ofPattern("EEE, d MMM uuuu HH:mm:ss xx", Locale.US);
            DateTimeFormatter rfc3339 = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ssXXX", Locale.US);
            for (int n = 0; n < 2000; n++) {
                ZonedDateTime t = Instant.ofEpochSecond(631_152_000L + random.nextInt(1_500_000_000))
                        .atZone(ZoneOffset.ofTotalSeconds((random.nextInt(57) - 28) * 1800));
                for (String text : new String[] {rfc1123.format(t), rfc3339.format(t)}) {
                    assertThat(FeedDates.parse(text)).as(text).isEqualTo(rome(text)).isNotNull();
                }
            }
        }
    }

    @Nested
    class Fallback {
        @ParameterizedTest(name = "{0}")
        @ValueSource(strings = {
                "Sun, 01 Nov 2026 12:00:00 EST",      // named zones: Rome knows them
                "Sun, 01 Nov 26 12:00:00 +0000",      // two-digit year: Rome's century rule
                "Mon, 01 Nov 2026 12:00:00 +0000",    // wrong weekday (a Sunday): Rome ignores it
                "Sat, 31 Feb 2026 12:00:00 +0000",    // impossible day: Rome rolls it over (lenient)
                "2026-11-01T12:00:00.5Z",             // one fraction digit: Rome reads 5 ms
                "1500-02-29T12:00:00Z",               // Julian leap day: Rome's calendar, not java.time's
                "2026-11-01T12:00Z",                  // no seconds
                "2026-11-01",                         // no time
                " 2026-11-01T12:00:00Z",              // surrounding whitespace
                "Sun, 01 Nov 2026 12:00:00 UT",
                "gestern"})
        void leavesEveryOtherFormToRome(String text) {
            assertThat(FeedDates.parse(text)).isNull();
            Document document = feed("<pubDate>" + text + "</pubDate>");
            FeedDates.prepare(document);
            assertThat(document.getRootElement().getChild("channel").getChild("item").getChildText("pubDate"))
                    .isEqualTo(text);
        }

        @Test
        void leavesElementsRomeDoesNotReadAsDatesAlone() {
            Document document = feed("<title>2026-11-01T12:00:00Z</title>");
            FeedDates.prepare(document);
            assertThat(document.getRootElement().getChild("channel").getChild("item").getChildText("title"))
                    .isEqualTo("2026-11-01T12:00:00Z");
        }
    }

    private static Document feed(String itemFields) {
        try {
            return new org.jdom2.input.SAXBuilder().build(new java.io.StringReader(
                    "<rss version=\"2.0\"><channel><title>t</title><item>" + itemFields + "</item></channel></rss>"));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
