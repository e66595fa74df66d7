package org.rundbrief.edition;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.icegreen.greenmail.util.GreenMail;
import jakarta.mail.internet.MimeMessage;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rundbrief.subscriber.Cadence;
import org.rundbrief.subscriber.Subscriber;
import org.rundbrief.testing.Installation;

/** The what-is-new rule (docs/ARCHITECTURE.md) of what goes into whose digest, through real planning and sending into GreenMail. */
class WhatIsNewTest {
    @TempDir
    Path dir;
    DigestsWorld world;
    GreenMail smtp;
    Installation inst;

    @BeforeEach
    void setUp() throws Exception {
        world = new DigestsWorld(dir, "delivery: { maxItems: 2 }");
        smtp = world.smtp;
        inst = world.inst;
    }

    @AfterEach
    void tearDown() {
        world.close();
    }

    private void send(Cadence cadence) throws InterruptedException {
        world.send(cadence, null);
    }

    /** Anna (daily, all topics) and one article collected after she confirmed, planned into an edition (of {@code topic}). */
    private Edition plannedForAnna(String topic, String title, String... articleTopics) {
        inst.subscriber("anna@example.org", Cadence.DAILY);
        inst.tick();
        inst.article(title, articleTopics);
        inst.tick();
        return inst.app.editions.plan(Cadence.DAILY, topic).orElseThrow();
    }

    private List<String> digestsOf(String email) {
        return world.digestsOf(email);
    }

    @Nested
    class Basics {
        @Test
        void articlesCollectedBeforeConfirmationAreNotNewForThatSubscriber() throws Exception {
            inst.article("Alter Beitrag");
            inst.tick();
            inst.subscriber("anna@example.org", Cadence.DAILY);
            send(Cadence.DAILY);
            assertThat(smtp.getReceivedMessages()).isEmpty();
            assertThat(inst.app.editionStore.recentDone(10)).isEmpty();
        }

        @Test
        void nothingNewMeansNoMailAndNoEdition() throws Exception {
            inst.subscriber("anna@example.org", Cadence.DAILY);
            send(Cadence.DAILY);
            assertThat(smtp.getReceivedMessages()).isEmpty();
            assertThat(inst.app.database.jdbc().count("SELECT COUNT(*) FROM edition")).isZero();
        }

        @Test
        void aCollectedArticleWithoutADateIsNeverSentAsNew() throws Exception {
            inst.subscriber("anna@example.org", Cadence.DAILY);
            inst.tick();
            inst.app.articles.inTransaction(() -> {
                var writer = inst.app.articles.writer("feed:verein", true);
                writer.upsert(new org.rundbrief.article.ArticleDraft("ohne", "Ohne Datum", null, null, null, "<p>x</p>", "x",
                        null, "de", List.of(), null, "h1"));
                writer.flush();
                return null;
            });
            inst.article("Mit Datum");
            send(Cadence.DAILY);
            assertThat(digestsOf("anna@example.org")).singleElement().asString()
                    .contains("Mit Datum").doesNotContain("Ohne Datum");
        }

        @Test
        void eachArticleIsSentOnceAcrossEditions() throws Exception {
            inst.subscriber("anna@example.org", Cadence.DAILY);
            inst.tick();
            inst.article("Erster Beitrag");
            send(Cadence.DAILY);
            inst.article("Zweiter Beitrag");
            send(Cadence.DAILY);
            send(Cadence.DAILY);
            List<String> digests = digestsOf("anna@example.org");
            assertThat(digests).hasSize(2);
            assertThat(digests.get(0)).contains("Erster Beitrag").doesNotContain("Zweiter Beitrag");
            assertThat(digests.get(1)).contains("Zweiter Beitrag").doesNotContain("Erster Beitrag");
        }

        @Test
        void articlesOlderThanMaxAgeDaysAreLeftOut() throws Exception {
            inst.subscriber("anna@example.org", Cadence.DAILY);
            inst.tick();
            inst.article("Frisch");
            inst.clock.advance(Duration.ofDays(8));
            send(Cadence.DAILY);
            assertThat(smtp.getReceivedMessages()).isEmpty();
        }

        @Test
        void anUpstreamEditDoesNotSendAgain() throws Exception {
            inst.subscriber("anna@example.org", Cadence.DAILY);
            inst.tick();
            inst.article("Beitrag");
            send(Cadence.DAILY);
            var a = inst.app.articles.recent(1, java.util.Optional.empty()).get(0);
            inst.app.articles.upsert("test", new org.rundbrief.article.ArticleDraft(a.guid(), "Beitrag (korrigiert)", a.link(),
                    a.author(), a.summary(), a.contentHtml(), a.contentText(), null, "de", List.of(), a.publishedAt(), "changed"));
            send(Cadence.DAILY);
            assertThat(digestsOf("anna@example.org")).hasSize(1);
        }
    }

    @Nested
    class Topics {
        @Test
        void subscribersGetTheirTopicsAndUntaggedArticlesOnly() throws Exception {
            inst.subscriber("termine@example.org", Cadence.DAILY, "termine");
            inst.subscriber("alles@example.org", Cadence.DAILY);
            inst.tick();
            inst.article("Vereinsleben-Beitrag", "verein");
            inst.article("Termin-Beitrag", "termine");
            inst.article("Allgemeiner Beitrag");
            send(Cadence.DAILY);
            assertThat(digestsOf("termine@example.org")).singleElement().asString()
                    .contains("Termin-Beitrag", "Allgemeiner Beitrag").doesNotContain("Vereinsleben-Beitrag");
            assertThat(digestsOf("alles@example.org")).singleElement().asString()
                    .contains("Termin-Beitrag", "Allgemeiner Beitrag", "Vereinsleben-Beitrag");
        }

        @Test
        void subscriberWithNothingInTheirTopicsGetsNoMail() throws Exception {
            inst.subscriber("termine@example.org", Cadence.DAILY, "termine");
            inst.tick();
            inst.article("Vereinsleben-Beitrag", "verein");
            send(Cadence.DAILY);
            assertThat(smtp.getReceivedMessages()).isEmpty();
        }

        @Test
        void aTopicEditionDoesNotRepeatInTheNextRegularDigestNorDropOtherTopics() throws Exception {
            inst.subscriber("anna@example.org", Cadence.DAILY);
            inst.tick();
            inst.article("Termin-Beitrag", "termine");
            inst.article("Vereinsleben-Beitrag", "verein");
            inst.tick();
            inst.app.editions.sendDue(Cadence.DAILY, "termine", Duration.ZERO);
            send(Cadence.DAILY);
            List<String> digests = digestsOf("anna@example.org");
            assertThat(digests).hasSize(2);
            assertThat(digests.get(0)).contains("Termin-Beitrag").doesNotContain("Vereinsleben-Beitrag");
            assertThat(digests.get(1)).contains("Vereinsleben-Beitrag").doesNotContain("Termin-Beitrag");
        }
    }

    @Nested
    class Cancel {
        @Test
        void articlesOfACancelledEditionComeInTheNextOne() throws Exception {
            Edition planned = plannedForAnna(null, "Abgesagte Ausgabe");
            inst.app.editions.cancel(planned.id());
            send(Cadence.DAILY);
            assertThat(digestsOf("anna@example.org")).singleElement().asString().contains("Abgesagte Ausgabe");
            assertThat(inst.app.editionStore.byId(planned.id()).orElseThrow().status()).isEqualTo(Edition.Status.CANCELLED);
        }
    }

    @Nested
    class Pause {
        @Test
        void aPausedEditionHoldsBackTheNextOneSoNobodyMissesItsArticles() throws Exception {
            Edition paused = plannedForAnna(null, "Angehaltene Ausgabe");
            inst.app.editions.pause(paused.id());
            inst.article("Neuer Beitrag");

            assertThatThrownBy(() -> send(Cadence.DAILY)).isInstanceOf(EditionHeld.class)
                    .hasMessageContaining("edition " + paused.id() + " (daily) is paused")
                    .hasMessageContaining("/api/editions/" + paused.id() + "/resume");
            inst.app.tasks().send(Cadence.DAILY); // the scheduler's job logs it and goes on
            assertThat(smtp.getReceivedMessages()).isEmpty();
            assertThat(inst.app.editionStore.byId(paused.id() + 1)).isEmpty();
            assertThat(inst.app.editionStore.byId(paused.id()).orElseThrow().status()).isEqualTo(Edition.Status.PAUSED);

            // Cancelled, it gives its articles back: the next edition brings both, once.
            inst.app.editions.cancel(paused.id());
            send(Cadence.DAILY);
            assertThat(digestsOf("anna@example.org")).singleElement().asString()
                    .contains("Angehaltene Ausgabe", "Neuer Beitrag");
        }

        @Test
        void aPausedTopicEditionHoldsBackThatTopicOnly() throws Exception {
            Edition paused = plannedForAnna("termine", "Termin-Beitrag", "termine");
            inst.app.editions.pause(paused.id());
            inst.article("Vereinsleben-Beitrag", "verein");

            assertThatThrownBy(() -> inst.app.editions.sendDue(Cadence.DAILY, "termine", Duration.ZERO))
                    .isInstanceOf(EditionHeld.class).hasMessageContaining("(daily, topic termine) is paused");
            send(Cadence.DAILY); // the regular edition is not held back
            assertThat(digestsOf("anna@example.org")).singleElement().asString().contains("Vereinsleben-Beitrag");
        }

        @Test
        void aResumedEditionGoesOutAndTheNextOneStartsAfterIt() throws Exception {
            Edition paused = plannedForAnna(null, "Erste Ausgabe");
            inst.app.editions.pause(paused.id());
            inst.app.editions.resume(paused.id());
            inst.app.editions.send(paused.id(), Duration.ZERO);
            inst.tick();
            inst.article("Zweite Ausgabe");
            send(Cadence.DAILY);
            List<String> digests = digestsOf("anna@example.org");
            assertThat(digests).hasSize(2);
            assertThat(digests.get(0)).contains("Erste Ausgabe").doesNotContain("Zweite Ausgabe");
            assertThat(digests.get(1)).contains("Zweite Ausgabe").doesNotContain("Erste Ausgabe");
        }
    }

    @Nested
    class CadenceSwitch {
        @Test
        void switchingFromDailyToWeeklyNeitherRepeatsNorDrops() throws Exception {
            Subscriber anna = inst.subscriber("anna@example.org", Cadence.DAILY);
            inst.tick();
            inst.article("Montag");
            send(Cadence.DAILY);
            inst.article("Dienstag");
            inst.app.subscribers.updateProfile(anna.id(), anna.name(), Cadence.WEEKLY, "de", List.of(), inst.clock.instant(),
                    new org.rundbrief.subscriber.Consent("preferences", org.rundbrief.subscriber.Origin.ADMIN, null, null, null));
            send(Cadence.DAILY);
            send(Cadence.WEEKLY);
            List<String> digests = digestsOf("anna@example.org");
            assertThat(digests).hasSize(2);
            assertThat(digests.get(0)).contains("Montag").doesNotContain("Dienstag");
            assertThat(digests.get(1)).contains("Dienstag").doesNotContain("Montag");
        }
    }

    @Nested
    class Rendering {
        @Test
        void theRestBeyondMaxItemsIsListedAsLinks() throws Exception {
            inst.subscriber("anna@example.org", Cadence.DAILY);
            inst.tick();
            inst.article("Eins");
            inst.article("Zwei");
            inst.article("Drei");
            send(Cadence.DAILY);
            String text = digestsOf("anna@example.org").get(0);
            assertThat(text).contains("Außerdem neu", "Zusammenfassung von Drei", "Zusammenfassung von Zwei")
                    .doesNotContain("Zusammenfassung von Eins").contains("- Eins");
            assertThat(text.lines()).allMatch(l -> l.length() <= 72 || !l.contains(" "));
        }

        @Test
        void headerBreakingTitlesAndNamesCannotAddHeaders() throws Exception {
            inst.subscriber("anna@example.org", Cadence.DAILY);
            inst.tick();
            inst.article("Böse\r\nBcc: victim@example.com\r\nX-Evil: 1");
            send(Cadence.DAILY);
            MimeMessage m = smtp.getReceivedMessages()[0];
            assertThat(m.getHeader("Bcc")).isNull();
            assertThat(m.getHeader("X-Evil")).isNull();
            assertThat(m.getSubject()).isEqualTo("Böse Bcc: victim@example.com X-Evil: 1");
            assertThat(smtp.getReceivedMessages()).hasSize(1);
        }
    }
}
