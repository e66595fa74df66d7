package org.rundbrief.subscriber;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringReader;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.rundbrief.mail.EmailAddress;
import org.rundbrief.subscriber.SubscriberService.Outcome;

class SubscriberServiceTest extends WithSubscriberFixture {
    static final Actor FORM = new Actor(Origin.FORM, "192.0.2.7", "Mozilla/5.0 Test");

    String confirmToken(String email) {
        var mails = f.mailbox.to(email);
        return Mailbox.link(mails.get(mails.size() - 1), f.app.config.site().base() + "/confirm/")
                .substring((f.app.config.site().base() + "/confirm/").length());
    }

    @Nested
    class DoubleOptIn {
        @Test
        void subscribeMakesAPendingSubscriberAndMailsAConfirmationLink() {
            assertThat(f.service.subscribe(f.person("neu@example.org"), FORM)).isEqualTo(Outcome.DONE);

            Subscriber s = f.stored("neu@example.org");
            assertThat(s.status()).isEqualTo(Subscriber.Status.PENDING);
            assertThat(s.deliveredUntil()).isNull();
            var mail = f.mailbox.to("neu@example.org");
            assertThat(mail).hasSize(1);
            assertThat(Mailbox.subject(mail.get(0))).isEqualTo("Bitte bestätigen Sie Ihr Abo – Rundbrief");
            // the address has not confirmed yet: the name typed into the form is not echoed to it
            assertThat(Mailbox.text(mail.get(0))).startsWith("Hallo,").contains("„Rundbrief“").doesNotContain("Jörg");
            var log = f.app.subscribers.consentLog(s.id());
            assertThat(log).singleElement().satisfies(c -> {
                assertThat(c.action()).isEqualTo("subscribed");
                assertThat(c.origin()).isEqualTo("form");
                assertThat(c.ip()).isEqualTo("192.0.2.7");
                assertThat(c.userAgent()).isEqualTo("Mozilla/5.0 Test");
            });
        }

        @Test
        void confirmingSetsTheWatermarkSendsWelcomeAndIsIdempotent() {
            f.service.subscribe(f.person("neu@example.org"), FORM);
            String token = confirmToken("neu@example.org");
            f.clock.advance(Duration.ofHours(2));

            assertThat(f.service.confirm(token, FORM)).isEqualTo(Outcome.DONE);
            assertThat(f.service.confirm(token, FORM)).isEqualTo(Outcome.ALREADY);

            Subscriber s = f.stored("neu@example.org");
            assertThat(s.status()).isEqualTo(Subscriber.Status.CONFIRMED);
            assertThat(s.confirmedAt()).isEqualTo(SubscriberFixture.T0.plus(Duration.ofHours(2)));
            assertThat(s.deliveredUntil()).isEqualTo(s.confirmedAt());
            assertThat(f.mailbox.to("neu@example.org")).extracting(Mailbox::subject)
                    .containsExactly("Bitte bestätigen Sie Ihr Abo – Rundbrief", "Willkommen beim Newsletter „Rundbrief“");
        }

        @Test
        void expiredConfirmationChangesNothingAndThePendingRowIsPurged() {
            f.service.subscribe(f.person("neu@example.org"), FORM);
            String token = confirmToken("neu@example.org");
            f.clock.advance(Duration.ofDays(8));

            assertThat(f.service.confirm(token, FORM)).isEqualTo(Outcome.EXPIRED);
            assertThat(f.stored("neu@example.org").status()).isEqualTo(Subscriber.Status.PENDING);
            assertThat(f.service.purgeExpired()).isEqualTo(1);
            assertThat(f.app.subscribers.byEmail(EmailAddress.parse("neu@example.org"))).isEmpty();
        }

        /**
         * The mail server was down for 8 days: the confirmation mail waited in the outbox all that
         * time. Its member is not purged meanwhile, and the link works when the mail arrives.
         */
        @Test
        void aConfirmationMailHeldBackLongerThanTheDaysToConfirmArrivesWithALinkThatWorks() {
            f.service.subscribe(f.person("spaet@example.org"), FORM); // queued now, not sent: nobody drains the outbox
            f.clock.advance(Duration.ofDays(SubscriberService.PENDING_DAYS + 1));

            assertThat(f.service.purgeExpired()).as("its mail still waits").isZero();
            String token = confirmToken("spaet@example.org"); // the mail server is back: the outbox is drained

            assertThat(f.mailbox.to("spaet@example.org")).hasSize(1);
            assertThat(f.service.confirm(token, FORM)).isEqualTo(Outcome.DONE);
            assertThat(f.stored("spaet@example.org").status()).isEqualTo(Subscriber.Status.CONFIRMED);
        }

        /** The days to confirm run from when the mail went out; after them the member is purged and gets no more mail. */
        @Test
        void theDaysToConfirmCountFromWhenTheMailWentOutAndAPurgedMemberGetsNoMail() {
            f.service.subscribe(f.person("spaet@example.org"), FORM);
            f.clock.advance(Duration.ofDays(3));
            String token = confirmToken("spaet@example.org"); // sent 3 days after it was queued
            f.clock.advance(Duration.ofDays(SubscriberService.PENDING_DAYS).minusHours(1));

            assertThat(f.service.purgeExpired()).isZero();
            assertThat(f.service.confirmationLink(token).outcome()).as("within 7 days of sending").isEqualTo(Outcome.DONE);
            f.clock.advance(Duration.ofHours(2));
            assertThat(f.service.confirm(token, FORM)).isEqualTo(Outcome.EXPIRED);
            assertThat(f.stored("spaet@example.org").status()).isEqualTo(Subscriber.Status.PENDING);

            assertThat(f.service.purgeExpired()).isEqualTo(1);
            assertThat(f.app.subscribers.byEmail(EmailAddress.parse("spaet@example.org"))).isEmpty();
            assertThat(f.service.confirm(token, FORM)).isEqualTo(Outcome.GONE);
            assertThat(f.mailbox.to("spaet@example.org")).as("only the one confirmation mail").hasSize(1);
            assertThat(f.app.outbox.unsent(Long.MAX_VALUE, 10)).as("nothing of the member's left to send").isEmpty();
        }

        @Test
        void unsubscribedMemberNeedsANewOptInAndTheOldLinkNoLongerConfirms() {
            f.service.subscribe(f.person("neu@example.org"), FORM);
            String first = confirmToken("neu@example.org");
            f.service.confirm(first, FORM);
            Subscriber s = f.stored("neu@example.org");
            String unsubscribe = f.tokens.unsubscribeUrl(s).replaceAll(".*/", "");
            assertThat(f.service.unsubscribe(unsubscribe, FORM, false)).isEqualTo(Outcome.DONE);
            assertThat(f.service.unsubscribe(unsubscribe, FORM, false)).isEqualTo(Outcome.ALREADY);

            assertThat(f.service.confirm(first, FORM)).isEqualTo(Outcome.GONE);
            assertThat(f.stored("neu@example.org").status()).isEqualTo(Subscriber.Status.UNSUBSCRIBED);

            f.service.subscribe(f.person("neu@example.org"), FORM);
            assertThat(f.stored("neu@example.org").status()).isEqualTo(Subscriber.Status.UNSUBSCRIBED);
            assertThat(f.service.confirm(confirmToken("neu@example.org"), FORM)).isEqualTo(Outcome.DONE);
            assertThat(f.stored("neu@example.org").status()).isEqualTo(Subscriber.Status.CONFIRMED);
        }

        /** Issue #23: a form post for a member who left renamed them and set them back to pending at once. */
        @Test
        void aFormPostForAMemberWhoLeftChangesNothingUntilTheirMailboxConfirmsIt() {
            Subscriber s = f.service.addConfirmed(f.person("weg@example.org"), "Versammlung");
            f.service.unsubscribe(f.tokens.unsubscribeUrl(s).replaceAll(".*/", ""), FORM, false);
            var stranger = f.app.subscriberChoices.subscriber("weg@example.org", "Spaßvogel", "en", List.of("termine"), "weekly");

            assertThat(f.service.subscribe(stranger, FORM)).isEqualTo(Outcome.DONE);

            Subscriber unchanged = f.stored("weg@example.org");
            assertThat(unchanged.status()).isEqualTo(Subscriber.Status.UNSUBSCRIBED);
            assertThat(unchanged.name()).isEqualTo("Jörg Müller");
            assertThat(unchanged.cadence()).isEqualTo(s.cadence());
            var mail = f.mailbox.to("weg@example.org");
            assertThat(Mailbox.text(mail.get(mail.size() - 1))).contains("Hallo Jörg Müller,").doesNotContain("Spaßvogel");
            f.clock.advance(Duration.ofDays(SubscriberService.PENDING_DAYS + 1));
            f.service.purgeExpired();
            assertThat(f.app.subscribers.byEmail(EmailAddress.parse("weg@example.org"))).as("kept with its history").isPresent();

            Subscriber t = f.stored("weg@example.org");
            f.service.subscribe(stranger, FORM);
            assertThat(f.service.confirm(confirmToken("weg@example.org"), FORM)).isEqualTo(Outcome.DONE);
            Subscriber back = f.stored("weg@example.org");
            assertThat(back.status()).isEqualTo(Subscriber.Status.CONFIRMED);
            assertThat(back.name()).isEqualTo("Spaßvogel");
            assertThat(back.language()).isEqualTo("en");
            assertThat(back.topics()).containsExactly("termine");
            assertThat(back.id()).isEqualTo(t.id());
        }
    }

    @Nested
    class NoEnumeration {
        @Test
        void existingMemberGetsTheSameAnswerAndAtMostOneNoticePerDay() {
            f.service.addConfirmed(f.person("da@example.org"), "Jahreshauptversammlung");

            assertThat(f.service.subscribe(f.person("da@example.org"), FORM)).isEqualTo(Outcome.DONE);
            assertThat(f.service.subscribe(f.person("da@example.org"), FORM)).isEqualTo(Outcome.DONE);
            assertThat(f.mailbox.to("da@example.org")).extracting(Mailbox::subject)
                    .containsExactly("Sie haben den Newsletter „Rundbrief“ schon abonniert");

            f.clock.advance(Duration.ofHours(23));
            f.service.subscribe(f.person("da@example.org"), FORM);
            assertThat(f.mailbox.to("da@example.org")).hasSize(1);

            f.clock.advance(Duration.ofHours(1));
            f.service.subscribe(f.person("da@example.org"), FORM);
            assertThat(f.mailbox.to("da@example.org")).hasSize(2);
            assertThat(f.stored("da@example.org").status()).isEqualTo(Subscriber.Status.CONFIRMED);
        }

        @Test
        void perAddressLimitStopsConfirmationFloods() {
            for (int i = 0; i < 3; i++) {
                assertThat(f.service.subscribe(f.person("opfer@example.org"), FORM)).isEqualTo(Outcome.DONE);
            }
            assertThat(f.service.subscribe(f.person("opfer@example.org"), FORM)).isEqualTo(Outcome.RATE_LIMITED);
            assertThat(f.mailbox.to("opfer@example.org")).hasSize(3);
            f.clock.advance(Duration.ofMinutes(10));
            assertThat(f.service.subscribe(f.person("opfer@example.org"), FORM)).isEqualTo(Outcome.DONE);
        }
    }

    @Nested
    class Forget {
        @Test
        void erasesPersonalDataKeepsAnonymousConsentAndBlocksImportNamingTheLine() {
            f.service.subscribe(f.person("weg@example.org"), FORM);
            long id = f.stored("weg@example.org").id();
            int mailsBefore = f.mailbox.messages().size();

            assertThat(f.service.forget(EmailAddress.parse("weg@example.org"), Actor.ADMIN)).isTrue();

            assertThat(f.app.subscribers.byId(id)).isEmpty();
            assertThat(f.app.subscribers.consentLog(id)).isEmpty(); // no longer linked to anyone

            java.util.List<String> named = new java.util.ArrayList<>();
            var result = f.importer.run(new StringReader("email,name\nweg@example.org,Weg\nneu@example.org,Neu\n"),
                    new SubscriberImport.Options(true, "Liste"), new SubscriberImport.Listener() {
                        public void rejected(long line, InvalidInput why) {}

                        public void suppressed(long line, String email) {
                            named.add(line + ": " + email);
                        }

                        public void progress(long rows) {}
                    });
            assertThat(result.suppressed()).isEqualTo(1);
            assertThat(named).containsExactly("2: weg@example.org");
            assertThat(result.imported()).isEqualTo(1);
            assertThat(f.app.subscribers.byEmail(EmailAddress.parse("weg@example.org"))).isEmpty();
            assertThat(f.mailbox.messages()).hasSize(mailsBefore);
        }
    }

    @Test
    void pendingImportMailsAConfirmationToEachNewRow() {
        f.importer.run(new StringReader("email,language\na@example.org,en\nb@example.org,de\n"),
                new SubscriberImport.Options(false, null), new SubscriberImport.Listener() {
                    public void rejected(long line, InvalidInput why) {}

                    public void progress(long rows) {}
                });
        assertThat(f.stored("a@example.org").status()).isEqualTo(Subscriber.Status.PENDING);
        assertThat(f.mailbox.to("a@example.org")).extracting(Mailbox::subject)
                .containsExactly("Please confirm your subscription – Rundbrief");
        assertThat(f.mailbox.to("b@example.org")).hasSize(1);
    }

    @Test
    void preferencesChangeSettingsAndANewAddressOnlyAfterItsConfirmation() {
        Subscriber s = f.service.addConfirmed(f.person("alt@example.org"), null);
        String token = f.tokens.preferencesUrl(s).replaceAll(".*/", "");
        var changes = f.app.subscriberChoices.subscriber("neu@example.org", "Jörg M.", "en",
                List.of("termine", "verein"), "daily");

        assertThat(f.service.updatePreferences(token, changes, FORM)).isEqualTo(Outcome.DONE);

        Subscriber after = f.app.subscribers.byId(s.id()).orElseThrow();
        assertThat(after.email().value()).isEqualTo("alt@example.org");
        assertThat(after.name()).isEqualTo("Jörg M.");
        assertThat(after.cadence()).isEqualTo(Cadence.DAILY);
        assertThat(after.topics()).containsExactly("termine", "verein");
        assertThat(f.service.confirm(confirmToken("neu@example.org"), FORM)).isEqualTo(Outcome.DONE);
        assertThat(f.app.subscribers.byId(s.id()).orElseThrow().email().value()).isEqualTo("neu@example.org");
    }

    @Test
    void exportJsonHoldsProfileAndConsentLog() {
        f.service.subscribe(f.person("neu@example.org"), FORM);
        String json = f.app.subscriberExport.json(EmailAddress.parse("neu@example.org")).orElseThrow();
        assertThat(json).contains("\"email\" : \"neu@example.org\"").contains("\"name\" : \"Jörg Müller\"")
                .contains("\"action\" : \"subscribed\"").contains("192.0.2.7");
    }

    @Test
    void generatedSecretIsKeptSoLinksSurviveARestart() {
        Subscriber s = f.service.addConfirmed(f.person("bleibt@example.org"), null);
        String url = f.tokens.unsubscribeUrl(s);
        f.close();
        f = new SubscriberFixture(dir);
        assertThat(f.service.follow(Tokens.Purpose.UNSUBSCRIBE, url.replaceAll(".*/", "")).member()).map(Subscriber::id).contains(s.id());
    }
}
