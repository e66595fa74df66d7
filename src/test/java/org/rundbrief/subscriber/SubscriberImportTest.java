package org.rundbrief.subscriber;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rundbrief.app.App;
import org.rundbrief.mail.EmailAddress;
import org.rundbrief.testing.MutableClock;

class SubscriberImportTest {
    static final Instant T0 = Instant.parse("2026-03-02T08:00:00Z");
    static final SubscriberImport.Options CONFIRMED = new SubscriberImport.Options(true, "Mitgliederliste 2026");

    @TempDir
    Path dir;
    MutableClock clock = new MutableClock(T0);
    App app;
    List<String> rejections = new ArrayList<>();

    @BeforeEach
    void open() {
        app = TestApps.app(dir, clock);
    }

    @AfterEach
    void close() {
        app.close();
    }

    SubscriberImport.Result importResource(String name, SubscriberImport.Options options) throws IOException {
        try (Reader r = new InputStreamReader(getClass().getResourceAsStream("/subscribers/" + name), StandardCharsets.UTF_8)) {
            return importFrom(r, options);
        }
    }

    SubscriberImport.Result importFrom(Reader r, SubscriberImport.Options options) {
        return app.subscriberImport.run(r, options, new SubscriberImport.Listener() {
            @Override
            public void rejected(long line, InvalidInput why) {
                rejections.add(line + ": " + why.getMessage());
            }

            @Override
            public void progress(long rows) {}
        });
    }

    long count() {
        long[] n = {0};
        app.subscribers.forEach(s -> n[0]++);
        return n[0];
    }

    @Nested
    class BrokenSample {
        @Test
        void reportsEveryBadRowWithItsLineAndImportsTheGoodOne() throws IOException {
            var result = importResource("members-with-errors.csv", CONFIRMED);

            assertThat(result).isEqualTo(new SubscriberImport.Result(7, 1, 0, 0, 6, false));
            assertThat(rejections).hasSize(6);
            assertThat(rejections.get(0)).startsWith("3: ").contains("not-an-email");
            assertThat(rejections.get(1)).startsWith("4: ").contains("language 'xx'").contains("cadence 'hourly'");
            assertThat(rejections.get(2)).startsWith("5: ").contains("evil@example.org");
            assertThat(rejections.get(3)).startsWith("6: ").contains("duplicate of line 2");
            assertThat(rejections.get(4)).startsWith("7: ").contains("empty");
            assertThat(rejections.get(5)).startsWith("8: ").contains("cadence 'monthly'");
            Subscriber one = app.subscribers.byEmail(EmailAddress.parse("valid.one@example.org")).orElseThrow();
            assertThat(one.name()).isEqualTo("Valid One");
            assertThat(one.topics()).containsExactly("verein");
            assertThat(count()).isEqualTo(1);
        }

        @Test
        void reimportChangesNothing() throws IOException {
            importResource("members-with-errors.csv", CONFIRMED);
            clock.advance(java.time.Duration.ofHours(1));
            var again = importResource("members-with-errors.csv", CONFIRMED);

            assertThat(again.imported()).isZero();
            assertThat(again.unchanged()).isEqualTo(1);
            Subscriber one = app.subscribers.byEmail(EmailAddress.parse("valid.one@example.org")).orElseThrow();
            assertThat(one.confirmedAt()).isEqualTo(T0);
            assertThat(app.subscribers.consentLog(one.id())).hasSize(1);
            assertThat(count()).isEqualTo(1);
        }
    }

    @Test
    void confirmedImportSetsTheWatermarkToTheConfirmationAndLogsTheNote() throws IOException {
        importResource("members.csv", CONFIRMED);

        Subscriber joerg = app.subscribers.byEmail(EmailAddress.parse("j.mueller@example.net")).orElseThrow();
        assertThat(joerg.name()).isEqualTo("Jörg Müller");
        assertThat(joerg.status()).isEqualTo(Subscriber.Status.CONFIRMED);
        assertThat(joerg.confirmedAt()).isEqualTo(T0);
        assertThat(joerg.deliveredUntil()).isEqualTo(T0);
        assertThat(joerg.cadence()).isEqualTo(Cadence.DAILY);
        assertThat(joerg.topics()).isEmpty();
        assertThat(app.subscribers.consentLog(joerg.id())).singleElement().satisfies(c -> {
            assertThat(c.origin()).isEqualTo("import");
            assertThat(c.note()).isEqualTo("Mitgliederliste 2026");
        });
        assertThat(app.subscribers.byEmail(EmailAddress.parse("Office@Example.COM")).orElseThrow().email().value())
                .isEqualTo("office@example.com");
        assertThat(app.subscribers.byEmail(EmailAddress.parse("björn@xn--bcher-kva.example"))).isPresent();
    }

    @Nested
    class RowChecks {
        @Test
        void lineBreakInsideAQuotedFieldIsRejectedWithTheLineTheRecordStartsOn() {
            var csv = "email,name,language,topics,frequency\n"
                    + "a@example.org,\"Evil\r\nBcc: x@example.com\",de,,weekly\n"
                    + "b@example.org,Fine,de,,weekly\n";
            var result = importFrom(new StringReader(csv), CONFIRMED);

            assertThat(result.imported()).isEqualTo(1);
            assertThat(rejections).containsExactly("2: name contains a line break or control character");
            assertThat(app.subscribers.byEmail(EmailAddress.parse("a@example.org"))).isEmpty();
        }

        @Test
        void byteOrderMarkAndExtraColumnsAreFine() {
            var csv = "\uFEFFemail,name,status\nc@example.org,Cé,confirmed\n";
            var result = importFrom(new StringReader(csv), CONFIRMED);

            assertThat(result.imported()).isEqualTo(1);
            assertThat(rejections).isEmpty();
        }

        @Test
        void fileWithoutEmailColumnIsRefusedBeforeAnyRow() {
            assertThatThrownBy(() -> importFrom(new StringReader("kontakt,name\na@example.org,A\n"), CONFIRMED))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no e-mail column");
            assertThat(count()).isZero();
        }

        @Test
        void unterminatedQuoteStopsWithItsLineAndKeepsTheRowsBefore() {
            var csv = "email,name\na@example.org,A\nb@example.org,\"B\n";
            assertThatThrownBy(() -> importFrom(new StringReader(csv), CONFIRMED))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("malformed CSV")
                    .hasMessageContaining("line 3");
            assertThat(count()).isEqualTo(1);
        }

        @Test
        void confirmedWithoutConsentNoteIsBadUsage() {
            assertThatThrownBy(() -> new SubscriberImport.Options(true, " "))
                    .hasMessageContaining("--consent-note");
        }
    }

    @Test
    void manyRowsAreStoredAcrossChunks() {
        var csv = new StringBuilder("email,name,language,topics,frequency\n");
        for (int i = 0; i < 2500; i++) {
            csv.append("m").append(i).append("@example.org,Mitglied ").append(i).append(",de,verein;termine,daily\n");
        }
        var result = importFrom(new StringReader(csv.toString()), CONFIRMED);

        assertThat(result.imported()).isEqualTo(2500);
        assertThat(count()).isEqualTo(2500);
        assertThat(app.subscribers.byEmail(EmailAddress.parse("m2499@example.org")).orElseThrow().topics())
                .containsExactly("termine", "verein");
    }

    @Test
    void whenStoringFailsTheReadingThreadStopsAndTheChunksBeforeStayWhole() throws InterruptedException {
        var csv = new StringBuilder("email,name,language,topics,frequency\n");
        for (int i = 0; i < 4 * SubscriberImport.CHUNK; i++) {
            csv.append("m").append(i).append("@example.org,Mitglied ").append(i).append(",de,verein,daily\n");
        }
        assertThatThrownBy(() -> app.subscriberImport.run(new StringReader(csv.toString()), CONFIRMED,
                new SubscriberImport.Listener() {
                    @Override
                    public void rejected(long line, InvalidInput why) {}

                    @Override
                    public void progress(long rows) {
                        throw new IllegalStateException("disk full after " + rows + " rows");
                    }
                })).hasMessage("disk full after " + SubscriberImport.CHUNK + " rows");

        assertThat(count()).isEqualTo(SubscriberImport.CHUNK);
        await("reading thread ends").atMost(Duration.ofSeconds(2)).until(() -> !readerAlive());
    }

    @Test
    void aStoppedImportKeepsTheChunksItStoredAndTheSameImportAgainAddsTheRest() {
        var csv = new StringBuilder("email,name,language,topics,frequency\n");
        for (int i = 0; i < 3 * SubscriberImport.CHUNK + 10; i++) {
            csv.append("m").append(i).append("@example.org,Mitglied ").append(i).append(",de,verein,daily\n");
        }
        var stopped = app.subscriberImport.run(new StringReader(csv.toString()), CONFIRMED, stopAsked()); // during the first chunk

        assertThat(stopped).isEqualTo(new SubscriberImport.Result(SubscriberImport.CHUNK, SubscriberImport.CHUNK, 0, 0, 0, true));
        assertThat(count()).isEqualTo(SubscriberImport.CHUNK);
        await("reading thread ends").atMost(Duration.ofSeconds(2)).until(() -> !readerAlive());
        var again = importFrom(new StringReader(csv.toString()), CONFIRMED);
        assertThat(again).isEqualTo(new SubscriberImport.Result(3 * SubscriberImport.CHUNK + 10, 2 * SubscriberImport.CHUNK + 10,
                SubscriberImport.CHUNK, 0, 0, false));
        assertThat(count()).isEqualTo(3 * SubscriberImport.CHUNK + 10);
    }

    @Test
    void aStopAskedForDuringTheLastChunkEndsNothingEarlyAndIsNoStop() {
        String csv = "email,name\nanna@example.org,Anna\nbernd@example.org,Bernd\n";
        var result = app.subscriberImport.run(new StringReader(csv), CONFIRMED, stopAsked()); // while the one and last chunk is stored

        assertThat(result).isEqualTo(new SubscriberImport.Result(2, 2, 0, 0, 0, false));
        assertThat(count()).isEqualTo(2);
    }

    /** A listener that says from the start that the process is stopping (Ctrl-C). */
    static SubscriberImport.Listener stopAsked() {
        return new SubscriberImport.Listener() {
            @Override
            public void rejected(long line, InvalidInput why) {}

            @Override
            public void progress(long rows) {}

            @Override
            public boolean stopping() {
                return true;
            }
        };
    }

    static boolean readerAlive() {
        return Thread.getAllStackTraces().keySet().stream()
                .anyMatch(t -> t.getName().equals("subscriber-import-reader") && t.isAlive());
    }

    /** Edges of the set-based chunk import: look-ups per chunk, ids matched back by address. */
    @Nested
    class Chunks {
        static final int CHUNK = SubscriberImport.CHUNK;

        String header() {
            return "email,name,language,topics,frequency\n";
        }

        String row(int i, String topics) {
            return "m" + i + "@example.org,Mitglied " + i + ",de," + topics + ",daily\n";
        }

        @Test
        void duplicateInTheNextChunkIsRejectedWithTheLineOfTheFirst() {
            var csv = new StringBuilder(header()).append("twice@example.org,Erstes Mal,de,,weekly\n");
            for (int i = 0; i < CHUNK + 10; i++) {
                csv.append(row(i, ""));
            }
            csv.append("Twice@Example.org,Zweites Mal,de,,weekly\n");
            var result = importFrom(new StringReader(csv.toString()), CONFIRMED);

            long lastLine = CHUNK + 13;
            assertThat(rejections).containsExactly(lastLine + ": duplicate of line 2 (twice@example.org)");
            assertThat(result.imported()).isEqualTo(CHUNK + 11);
            assertThat(app.subscribers.byEmail(EmailAddress.parse("twice@example.org")).orElseThrow().name())
                    .isEqualTo("Erstes Mal");
        }

        @Test
        void badRowsAroundTheChunkBoundaryKeepTheirLineNumbers() {
            var csv = new StringBuilder(header());
            for (int i = 0; i < CHUNK - 1; i++) {
                csv.append(row(i, "verein"));
            }
            // line numbers: header is 1, so row i is on line i + 2
            csv.append("not-an-email,X,de,,daily\n"); // line CHUNK + 1
            csv.append(row(CHUNK, "verein"));           // line CHUNK + 2: the chunk fills here
            csv.append(row(CHUNK + 1, "nonsense topic"));  // line CHUNK + 3, first row after the boundary
            csv.append(row(CHUNK + 2, "termine"));
            var result = importFrom(new StringReader(csv.toString()), CONFIRMED);

            assertThat(rejections).hasSize(2);
            assertThat(rejections.get(0)).startsWith((CHUNK + 1) + ": ").contains("not-an-email");
            assertThat(rejections.get(1)).startsWith((CHUNK + 3) + ": ");
            assertThat(result).isEqualTo(new SubscriberImport.Result(CHUNK + 3, CHUNK + 1, 0, 0, 2, false));
            assertThat(app.subscribers.byEmail(EmailAddress.parse("m" + (CHUNK + 2) + "@example.org")).orElseThrow()
                    .topics()).containsExactly("termine");
        }

        @Test
        void suppressedAndStoredAddressesInsideAChunkAreLeftAloneAndTheOthersGetTheirOwnRows() {
            app.subscribers.suppress(app.signer.emailHash(EmailAddress.parse("m7@example.org")), "forgotten", T0);
            importFrom(new StringReader(header() + "m9@example.org,Schon da,en,termine,weekly\n"), CONFIRMED);
            clock.advance(java.time.Duration.ofMinutes(5));
            var csv = new StringBuilder(header());
            for (int i = 0; i < 300; i++) { // stored and suppressed addresses amid 300 rows of one chunk
                csv.append(row(i, i % 2 == 0 ? "verein" : "verein;termine"));
            }
            var result = importFrom(new StringReader(csv.toString()), CONFIRMED);

            assertThat(result).isEqualTo(new SubscriberImport.Result(300, 298, 1, 1, 0, false));
            assertThat(app.subscribers.byEmail(EmailAddress.parse("m7@example.org"))).isEmpty();
            Subscriber untouched = app.subscribers.byEmail(EmailAddress.parse("m9@example.org")).orElseThrow();
            assertThat(untouched.name()).isEqualTo("Schon da");
            assertThat(untouched.topics()).containsExactly("termine");
            assertThat(untouched.confirmedAt()).isEqualTo(T0);
            assertThat(app.subscribers.consentLog(untouched.id())).hasSize(1);
            for (int i : new int[] {0, 6, 8, 10, 101, 299}) {
                Subscriber s = app.subscribers.byEmail(EmailAddress.parse("m" + i + "@example.org")).orElseThrow();
                assertThat(s.name()).isEqualTo("Mitglied " + i);
                assertThat(s.topics()).isEqualTo(i % 2 == 0 ? List.of("verein") : List.of("termine", "verein"));
                assertThat(app.subscribers.consentLog(s.id())).singleElement()
                        .satisfies(c -> assertThat(c.note()).isEqualTo("Mitgliederliste 2026"));
            }
            assertThat(count()).isEqualTo(299);
        }

        @Test
        void reimportOfSeveralChunksChangesNothing() {
            var csv = new StringBuilder(header());
            for (int i = 0; i < CHUNK + 250; i++) {
                csv.append(row(i, "verein"));
            }
            importFrom(new StringReader(csv.toString()), CONFIRMED);
            var again = importFrom(new StringReader(csv.toString()), CONFIRMED);

            assertThat(again).isEqualTo(new SubscriberImport.Result(CHUNK + 250, 0, CHUNK + 250, 0, 0, false));
            assertThat(count()).isEqualTo(CHUNK + 250);
        }
    }
}
