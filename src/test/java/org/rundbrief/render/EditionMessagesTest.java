package org.rundbrief.render;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rundbrief.delivery.DeliveryStore;
import org.rundbrief.delivery.MessageSource;
import org.rundbrief.edition.Edition;
import org.rundbrief.subscriber.Cadence;
import org.rundbrief.subscriber.Consent;
import org.rundbrief.subscriber.Origin;
import org.rundbrief.subscriber.Subscriber;
import org.rundbrief.testing.Installation;

/**
 * A claimed page is prepared in one go: one look-up of its recipients; each row's new articles follow
 * from its watermark and the recipient's topics. The page here mixes subscribers of all topics, of one
 * topic each, one who left after planning and one whose topics no longer match anything in the
 * edition.
 */
class EditionMessagesTest {
    @TempDir
    Path dir;
    GreenMail smtp;
    Installation inst;
    Edition edition;
    Subscriber bernd;
    Subscriber dora;
    Subscriber emil;

    @BeforeEach
    void setUp() throws Exception {
        smtp = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP).dynamicPort());
        smtp.start();
        inst = new Installation(dir, smtp.getSmtp().getPort(), "");
        inst.subscriber("anna@example.org", Cadence.DAILY);
        bernd = inst.subscriber("bernd@example.org", Cadence.DAILY, "termine");
        inst.subscriber("clara@example.org", Cadence.DAILY, "verein");
        dora = inst.subscriber("dora@example.org", Cadence.DAILY);
        emil = inst.subscriber("emil@example.org", Cadence.DAILY, "termine");
        inst.tick();
        inst.article("Termin am Samstag", "termine");
        inst.article("Vereinsfest mit Grillen", "verein");
        edition = inst.app.editions.plan(Cadence.DAILY, null).orElseThrow();
        // After planning: Dora leaves, Emil now only wants "sport", of which this edition has nothing.
        inst.tick();
        inst.app.subscribers.unsubscribe(dora.id(), inst.clock.instant(), Consent.of("unsubscribe", Origin.ADMIN));
        inst.app.subscribers.updateProfile(emil.id(), emil.name(), Cadence.DAILY, "de", List.of("sport"),
                inst.clock.instant(), Consent.of("preferences", Origin.ADMIN));
    }

    @AfterEach
    void tearDown() {
        inst.close();
        smtp.stop();
    }

    private List<DeliveryStore.Due> page() {
        return inst.app.deliveries.page(edition.id(), 0, 500);
    }

    private long deliveryOf(Subscriber s) {
        return page().stream().filter(d -> d.subscriberId() == s.id()).findFirst().orElseThrow().id();
    }

    /** The app's recipients, counting the look-ups. */
    private static final class CountingRecipients implements Recipients {
        final Recipients real;
        final List<Collection<Long>> lookUps = new ArrayList<>();

        CountingRecipients(Recipients real) {
            this.real = real;
        }

        @Override
        public List<Subscriber> active(Collection<Long> subscriberIds) {
            lookUps.add(List.copyOf(subscriberIds));
            return real.active(subscriberIds);
        }

        @Override
        public String unsubscribeUrl(Subscriber s) {
            return real.unsubscribeUrl(s);
        }

        @Override
        public String unsubscribeMailto(Subscriber s) {
            return real.unsubscribeMailto(s);
        }

        @Override
        public String preferencesUrl(Subscriber s) {
            return real.preferencesUrl(s);
        }
    }

    @Nested
    class APage {
        @Test
        void getsLettersForActiveSubscribersWithSomethingNewOnlyFromOneRecipientLookUp() {
            CountingRecipients recipients = new CountingRecipients(inst.app.recipients());
            EditionMessages messages = new EditionMessages(inst.app.editionStore, inst.app.articles::byIds, recipients,
                    inst.app.digests);
            List<DeliveryStore.Due> rows = page();
            assertThat(rows).hasSize(5);

            Map<Long, MessageSource.Letter> letters = messages.prepare(edition.id(), rows);

            assertThat(recipients.lookUps).as("one look-up for the whole page").hasSize(1);
            assertThat(recipients.lookUps.get(0)).hasSize(5);
            Map<String, String> textByAddress = letters.values().stream().map(MessageSource.Letter::render)
                    .collect(Collectors.toMap(m -> m.to().value(), m -> m.text()));
            assertThat(textByAddress).containsOnlyKeys("anna@example.org", "bernd@example.org", "clara@example.org");
            assertThat(textByAddress.get("anna@example.org"))
                    .contains("Termin am Samstag", "Vereinsfest mit Grillen");
            assertThat(textByAddress.get("bernd@example.org"))
                    .contains("Termin am Samstag").doesNotContain("Vereinsfest");
            assertThat(textByAddress.get("clara@example.org"))
                    .contains("Vereinsfest mit Grillen").doesNotContain("Termin am");
            assertThat(letters).doesNotContainKeys(deliveryOf(dora), deliveryOf(emil));
        }

        @Test
        void ofNoRowsReadsNothing() {
            CountingRecipients recipients = new CountingRecipients(inst.app.recipients());
            EditionMessages messages = new EditionMessages(inst.app.editionStore, inst.app.articles::byIds, recipients,
                    inst.app.digests);
            assertThat(messages.prepare(edition.id(), List.of())).isEmpty();
            assertThat(recipients.lookUps).isEmpty();
        }

        @Test
        void previewOfOneDeliveryAskingTheDatabaseIsTheLetterOfItsPage() {
            EditionMessages messages = new EditionMessages(inst.app.editionStore, inst.app.articles::byIds,
                    inst.app.recipients(), inst.app.digests);
            long berndsRow = deliveryOf(bernd);
            assertThat(messages.render(edition.id(), berndsRow).orElseThrow().text())
                    .isEqualTo(messages.prepare(edition.id(), page()).get(berndsRow).render().text());
            assertThat(messages.render(edition.id(), deliveryOf(dora))).isEmpty();
        }
    }

    @Nested
    class Sending {
        @Test
        void sendsThePageToTheActiveAndClosesTheRowsOfTheOthersAsSkipped() throws Exception {
            inst.app.editions.send(edition.id(), Duration.ZERO);

            List<String> to = new ArrayList<>();
            for (MimeMessage m : smtp.getReceivedMessages()) {
                to.add(((InternetAddress) m.getAllRecipients()[0]).getAddress());
            }
            assertThat(to).containsExactlyInAnyOrder("anna@example.org", "bernd@example.org", "clara@example.org");
            Map<DeliveryStore.State, Long> counts = inst.app.deliveries.counts(edition.id());
            assertThat(counts.get(DeliveryStore.State.SENT)).isEqualTo(3);
            assertThat(counts.get(DeliveryStore.State.FAILED)).isEqualTo(2);
            assertThat(inst.app.database.jdbc().list(
                    "SELECT last_error FROM delivery WHERE edition_id = ? AND status = 'failed'", rs -> rs.getString(1),
                    edition.id())).containsOnly("skipped: subscriber no longer active or nothing left to send");
        }
    }
}
