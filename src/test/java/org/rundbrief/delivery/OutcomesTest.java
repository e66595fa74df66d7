package org.rundbrief.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rundbrief.delivery.DeliveryStore.State;
import org.rundbrief.delivery.Outcomes.Outcome;
import org.rundbrief.edition.Edition;
import org.rundbrief.mail.EmailAddress;
import org.rundbrief.smtp.MailFailure;
import org.rundbrief.subscriber.Cadence;
import org.rundbrief.subscriber.Subscriber.Status;
import org.rundbrief.testing.Installation;

/** What each outcome of a try leaves in the table, the counters and the member list; no threads, no SMTP. */
class OutcomesTest {
    static final RetryPolicy TWO_TRIES = new RetryPolicy(Duration.ofMinutes(2), Duration.ofHours(1), 2);

    @TempDir
    Path dir;
    Installation inst;
    Edition edition;
    DeliveryStore.Due anna;
    SentMarks marks;
    Outcomes outcomes;
    ServerWatch watch;

    @BeforeEach
    void setUp() throws Exception {
        inst = new Installation(dir, 1, "");
        inst.subscriber("anna@example.org", Cadence.DAILY);
        inst.tick();
        inst.article("Sommerfest am Baggersee");
        edition = inst.app.editions.plan(Cadence.DAILY, null).orElseThrow();
        anna = row();
        marks = SentMarks.of(Optional.empty(), inst.app.deliveries);
        watch = new ServerWatch(inst.clock);
        outcomes = new Outcomes(inst.app.deliveries, marks, inst.app.subscriberService::hardBounce, TWO_TRIES, watch,
                inst.clock, new SimpleMeterRegistry());
    }

    @AfterEach
    void tearDown() {
        inst.close();
    }

    private DeliveryStore.Due row() {
        List<DeliveryStore.Due> rows = inst.app.deliveries.page(edition.id(), 0, 10);
        assertThat(rows).hasSize(1);
        return rows.get(0);
    }

    private long count(State state) {
        return inst.app.deliveries.counts(edition.id()).getOrDefault(state, 0L);
    }

    @Test
    void aSentMessageIsMarkedSentAndCounted() {
        outcomes.sent(anna, "<1@example.org>");
        assertThat(count(State.SENT)).isEqualTo(1);
        assertThat(outcomes.count(Outcome.SENT)).isEqualTo(1);
    }

    @Nested
    class ATemporaryFailure {
        final MailFailure busy = new MailFailure("421 try again later", false, 421, null);

        @Test
        void isTriedAgainAfterThePolicysDelay() {
            outcomes.failed(anna, busy);
            DeliveryStore.Due again = row();
            assertThat(again.status()).isEqualTo("queued");
            assertThat(again.attempts()).isEqualTo(1);
            // two minutes ±25 % jitter
            assertThat(again.dueAt()).isBetween(inst.clock.instant().plusSeconds(90), inst.clock.instant().plusSeconds(150));
            assertThat(again.isDue(inst.clock.instant())).isFalse();
            assertThat(outcomes.count(Outcome.RETRY)).isEqualTo(1);
        }

        @Test
        void onTheLastTryFailsTheRowForGoodButKeepsTheMember() {
            outcomes.failed(anna, busy);
            outcomes.failed(row(), busy);
            assertThat(count(State.FAILED)).isEqualTo(1);
            assertThat(outcomes.count(Outcome.FAILED)).isEqualTo(1);
            assertThat(status("anna@example.org")).isEqualTo(Status.CONFIRMED);
        }
    }

    @Test
    void aRefusedMailboxFailsTheRowAtOnceAndSuppressesTheMember() {
        outcomes.failed(anna, new MailFailure("550 no such user", true, 550, null));
        assertThat(count(State.FAILED)).isEqualTo(1);
        assertThat(status("anna@example.org")).isEqualTo(Status.BOUNCED);
    }

    @Test
    void aMessageRefusedForItsContentFailsTheRowButKeepsTheMember() {
        outcomes.failed(anna, new MailFailure("552 message too big", true, 552, null));
        assertThat(count(State.FAILED)).isEqualTo(1);
        assertThat(status("anna@example.org")).isEqualTo(Status.CONFIRMED);
    }

    @Test
    void aMemberWithNothingLeftToReadIsSkipped() {
        outcomes.skipped(anna);
        assertThat(count(State.FAILED)).isEqualTo(1);
        assertThat(outcomes.count(Outcome.SKIPPED)).isEqualTo(1);
    }

    @Test
    void aReceiptEndsItsRowsTimeInFlightOnceItsOutcomeIsRecorded() {
        InFlight inFlight = new InFlight();
        var receipt = outcomes.receipt(anna, "<1@example.org>", inFlight.open(), new Halt(() -> true));
        assertThat(inFlight.count()).isEqualTo(1);
        receipt.failed(new MailFailure("421 try again later", false, 421, null));
        assertThat(inFlight.count()).isZero();
        assertThat(row().attempts()).isEqualTo(1);
    }

    @Test
    void everySmtpErrorIsToldAsItHappensAndKeptWithTheEdition() {
        List<String> told = new java.util.ArrayList<>();
        outcomes.onFailure(told::add);
        outcomes.failed(anna, new MailFailure("SMTP 451 to RCPT TO:<anna@example.org>: greylisted", false, 451, null));
        assertThat(told).containsExactly("SMTP 451 to RCPT TO:<anna@example.org>: greylisted");
        DeliveryStore.SmtpTrouble trouble = inst.app.deliveries.smtpTrouble(edition.id());
        assertThat(trouble.error()).isEqualTo("SMTP 451 to RCPT TO:<anna@example.org>: greylisted");
        assertThat(trouble.at()).isEqualTo(inst.clock.instant());
        assertThat(trouble.nextRetry()).isEqualTo(row().dueAt());
    }

    @Nested
    class AServerThatCannotBeUsed {
        final MailFailure refused = MailFailure.serverUnusable("cannot connect to 127.0.0.1:1: connection refused", null);

        @Test
        void haltsARunThatDeliveredNothingYet() {
            Halt halt = new Halt(() -> true);
            outcomes.receipt(anna, null, new InFlight().open(), halt).failed(refused);
            assertThat(halt.isSet()).isTrue();
            assertThat(halt.cause()).contains(refused);
            assertThat(row().attempts()).as("an unusable server costs the row no try").isZero();
            assertThat(row().dueAt()).as("it waits for the next probe").isAfter(inst.clock.instant());
        }

        @Test
        void aLongOutageFailsNoRowForGoodAndProbesAtMostEveryFiveMinutes() {
            for (int i = 0; i < 20; i++) { // hours of "connection refused", far more than the two tries the policy allows
                Halt halt = new Halt(() -> true);
                halt.delivered();
                outcomes.receipt(row(), null, new InFlight().open(), halt).failed(refused);
                inst.clock.advance(Duration.between(inst.clock.instant(), row().dueAt()));
            }
            assertThat(row().status()).isEqualTo("queued");
            assertThat(row().attempts()).isZero();
            ServerWatch.Outage outage = watch.outage().orElseThrow();
            assertThat(outage.probes()).isEqualTo(20);
            assertThat(Duration.between(outage.since(), inst.clock.instant())).isGreaterThan(Duration.ofHours(1));
            assertThat(Duration.between(inst.clock.instant(), outage.nextProbe())).isLessThanOrEqualTo(ServerWatch.MAX);

            outcomes.sent(row(), "<id@example.org>");
            assertThat(watch.outage()).as("the first message that goes out ends it").isEmpty();
        }

        @Test
        void isWaitedOutWithRetriesOnceAMessageWentOut() {
            Halt halt = new Halt(() -> true);
            halt.delivered();
            outcomes.receipt(anna, null, new InFlight().open(), halt).failed(refused);
            assertThat(halt.isSet()).isFalse();
            assertThat(halt.cause()).isEmpty();
        }
    }

    private Status status(String email) {
        return inst.app.subscribers.byEmail(EmailAddress.parse(email)).orElseThrow().status();
    }
}
