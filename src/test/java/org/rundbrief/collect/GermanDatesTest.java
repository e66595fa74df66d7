package org.rundbrief.collect;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZoneId;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class GermanDatesTest {
    static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "2026-10-17 00:16            | 2026-10-16T22:16:00Z",
            "2026-10-17T00:16:00+02:00   | 2026-10-16T22:16:00Z",
            "2026-10-17                  | 2026-10-16T22:00:00Z",
            "17.10.2026                  | 2026-10-16T22:00:00Z",
            "17.10.2026, 14:30 Uhr       | 2026-10-17T12:30:00Z",
            "17.10.26                    | 2026-10-16T22:00:00Z",
            "17. Oktober 2026            | 2026-10-16T22:00:00Z",
            "Sa, 17. Okt. 2026 – 9.30 Uhr| 2026-10-17T07:30:00Z",
            "3. März 2026                | 2026-03-02T23:00:00Z",
            "Veröffentlicht am 1. Dezember 2026 | 2026-11-30T23:00:00Z"})
    void readsTheFormsClubSitesUse(String text, String expected) {
        assertThat(GermanDates.parse(text, BERLIN)).contains(Instant.parse(expected));
    }

    @ParameterizedTest
    @ValueSource(strings = {"31.02.2026", "2026-13-01", "gestern", "", "32. Oktober 2026", "17. Foobar 2026"})
    void impossibleOrUnknownDatesGiveNothing(String text) {
        assertThat(GermanDates.parse(text, BERLIN)).isEmpty();
    }
}
