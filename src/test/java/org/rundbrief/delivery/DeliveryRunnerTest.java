package org.rundbrief.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rundbrief.app.App;
import org.rundbrief.delivery.DeliveryStore.State;
import org.rundbrief.edition.Edition;
import org.rundbrief.render.EditionMessages;
import org.rundbrief.smtp.Mailer;
import org.rundbrief.subscriber.Cadence;
import org.rundbrief.testing.FaultySmtpServer;
import org.rundbrief.testing.Installation;

/** Sending against a real SMTP server that misbehaves on purpose. */
class DeliveryRunnerTest {
    static final RetryPolicy RETRY_AT_ONCE = new RetryPolicy(Duration.ZERO, Duration.ZERO, 3);

    @TempDir
    Path dir;
    FaultySmtpServer smtp;
    Installation inst;
    final io.micrometer.core.instrument.simple.SimpleMeterRegistry metrics = new io.micrometer.core.instrument.simple.SimpleMeterRegistry();

    @BeforeEach
    void setUp() throws Exception {
        smtp = new FaultySmtpServer();
        inst = new Installation(dir, smtp.port(), "");
        inst.subscriber("anna@example.org", Cadence.DAILY);
        inst.subscriber("bernd@example.org", Cadence.DAILY);
        inst.subscriber("clara@example.org", Cadence.DAILY);
        inst.tick();
        inst.article("Sommerfest am Baggersee");
    }

    @AfterEach
    void tearDown() throws Exception {
        inst.close();
        smtp.close();
    }

    private Map<State, Long> sendWith(RetryPolicy retry, Duration timeout) throws InterruptedException {
        Edition edition = inst.app.editions.plan(Cadence.DAILY, null).orElseThrow();
        run(edition, new DeliveryRunner.Settings(2, 1000, 100), retry, timeout, () -> true);
        return inst.app.deliveries.counts(edition.id());
    }

    private void run(Edition edition, DeliveryRunner.Settings settings, RetryPolicy retry, Duration timeout,
                     java.util.function.BooleanSupplier keepGoing) throws InterruptedException {
        App app = inst.app;
        try (SentMarks marks = SentMarks.of(Optional.of(dir.resolve("sent")), app.deliveries)) {
            DeliveryRunner runner = new DeliveryRunner(app.deliveries, marks, metrics, Mailer.create(app.config, timeout),
                    new EditionMessages(app.editionStore, app.articles::byIds, recipients(app), app.digests),
                    app.subscriberService::hardBounce, inst.clock, settings, retry);
            runner.run(edition.id(), keepGoing, Duration.ZERO);
        }
    }

    /** An edition for the three members of the set-up plus {@code more}, all with something new. */
    private Edition editionForMore(int more) {
        for (int i = 0; i < more; i++) {
            inst.subscriber("m" + i + "@example.org", Cadence.DAILY);
        }
        inst.tick();
        inst.article("Mitgliederversammlung im Vereinsheim");
        return inst.app.editions.plan(Cadence.DAILY, null).orElseThrow();
    }

    @Test
    void twoSendersOnOneEditionNeverSendTheSameRowTwice() throws Exception {
        Edition edition = editionForMore(57);
        // Two processes sharing the database, as two serve nodes on PostgreSQL would: each its own journal.
        var pool = java.util.concurrent.Executors.newFixedThreadPool(2);
        try {
            var senders = java.util.stream.IntStream.range(0, 2).mapToObj(n -> pool.submit(() -> {
                try (SentMarks marks = SentMarks.of(Optional.of(dir.resolve("sent-" + n)), inst.app.deliveries)) {
                    new DeliveryRunner(inst.app.deliveries, marks, metrics, Mailer.create(inst.app.config),
                            new EditionMessages(inst.app.editionStore, inst.app.articles::byIds, recipients(inst.app),
                                    inst.app.digests), inst.app.subscriberService::hardBounce, inst.clock,
                            new DeliveryRunner.Settings(2, 1000, 100), RETRY_AT_ONCE)
                            .run(edition.id(), () -> true, Duration.ZERO);
                }
                return null;
            })).toList();
            for (var sender : senders) {
                sender.get(60, java.util.concurrent.TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(inst.app.deliveries.counts(edition.id()).get(State.SENT)).isEqualTo(60);
        assertThat(smtp.accepted()).hasSize(60);
        assertThat(smtp.accepted().stream().map(FaultySmtpServer.Accepted::recipient).distinct()).hasSize(60);
    }

    @Test
    void pausedMidEditionGivesItsLeasedRowsBackAndResumingSendsEveryoneExactlyOnce() throws Exception {
        Edition edition = editionForMore(17);
        // 5 messages per second: the reader leases all 20 rows at once, the first 5 go out in one burst
        // (the rate limit's first second), the pause comes after them; then one message per 200 ms
        // leaves the reader (which looks every 20 ms) time to see it.
        DeliveryRunner.Settings slow = new DeliveryRunner.Settings(2, 5, 100);
        run(edition, slow, RETRY_AT_ONCE, Duration.ofSeconds(5), () -> smtp.accepted().size() < 5);

        Map<State, Long> paused = inst.app.deliveries.counts(edition.id());
        assertThat(paused.get(State.SENDING)).as("no lease kept").isZero();
        assertThat(paused.get(State.SENT)).isEqualTo(smtp.accepted().size()).isBetween(5L, 8L);
        assertThat(paused.get(State.QUEUED)).isEqualTo(20 - paused.get(State.SENT));

        run(edition, slow, RETRY_AT_ONCE, Duration.ofSeconds(5), () -> true);
        assertThat(inst.app.deliveries.counts(edition.id()).get(State.SENT)).isEqualTo(20);
        assertThat(smtp.accepted()).hasSize(20);
        assertThat(smtp.accepted().stream().map(FaultySmtpServer.Accepted::recipient).distinct()).hasSize(20);
    }

    @Test
    void rowsLeasedByASenderThatDiedWaitForTheLeaseToEndAndAreThenSentOnce() throws Exception {
        Edition edition = inst.app.editions.plan(Cadence.DAILY, null).orElseThrow();
        DeliveryStore store = inst.app.deliveries;
        // A sender leased the edition's rows and was killed before it sent any.
        DeliveryStore.Leased dead = store.lease(edition.id(), "killed-sender", store.page(edition.id(), 0, 10),
                inst.clock.instant().plus(DeliveryRunner.LEASE));
        assertThat(dead.tookOver()).isFalse();
        assertThat(store.counts(edition.id())).containsEntry(State.SENDING, 3L).containsEntry(State.QUEUED, 0L);
        assertThat(store.cancelPending(edition.id())).as("a live lease's rows are its sender's").isZero();

        run(edition, new DeliveryRunner.Settings(2, 1000, 100), RETRY_AT_ONCE, Duration.ofSeconds(5), () -> true);
        assertThat(smtp.accepted()).as("not while the lease lasts").isEmpty();

        inst.clock.advance(DeliveryRunner.LEASE.plusSeconds(1));
        assertThat(store.counts(edition.id())).containsEntry(State.SENDING, 0L).containsEntry(State.QUEUED, 3L);
        run(edition, new DeliveryRunner.Settings(2, 1000, 100), RETRY_AT_ONCE, Duration.ofSeconds(5), () -> true);
        assertThat(store.counts(edition.id())).containsEntry(State.SENT, 3L).containsEntry(State.QUEUED, 0L)
                .containsEntry(State.SENDING, 0L);
        assertThat(smtp.accepted().stream().map(FaultySmtpServer.Accepted::recipient).distinct()).hasSize(3);
        assertThat(smtp.accepted()).hasSize(3);
    }

    @Test
    void renewingItsOwnBlockTakesNothingOverWhileALapsedLeaseOfAnotherSenderIsTakenOver() {
        Edition edition = inst.app.editions.plan(Cadence.DAILY, null).orElseThrow();
        DeliveryStore store = inst.app.deliveries;
        List<DeliveryStore.Due> rows = store.page(edition.id(), 0, 10);
        Instant until = inst.clock.instant().plus(DeliveryRunner.LEASE);
        DeliveryStore.Leased first = store.lease(edition.id(), "a", rows, until);
        assertThat(first.blocks()).isNotEmpty();
        // A page that starts inside the block the page before ended in renews it: nothing to recover.
        DeliveryStore.Leased renewed = store.lease(edition.id(), "a", rows, until.plusSeconds(5));
        assertThat(renewed.blocks()).isEqualTo(first.blocks());
        assertThat(renewed.tookOver()).as("its own block").isFalse();
        assertThat(store.lease(edition.id(), "b", rows, until).blocks()).as("a live lease of another sender").isEmpty();

        inst.clock.advance(DeliveryRunner.LEASE.plusSeconds(1));
        assertThat(store.lease(edition.id(), "b", rows, until).blocks()).as("renewed: still live").isEmpty();
        inst.clock.advance(Duration.ofSeconds(5));
        DeliveryStore.Leased taken = store.lease(edition.id(), "b", rows, inst.clock.instant().plus(DeliveryRunner.LEASE));
        assertThat(taken.blocks()).isEqualTo(first.blocks());
        assertThat(taken.tookOver()).as("a lapsed lease of a sender that may have died").isTrue();
    }

    private static org.rundbrief.render.Recipients recipients(App app) {
        return app.recipients();
    }

    private long acceptedFor(String rcpt) {
        return smtp.accepted().stream().filter(a -> rcpt.equals(a.recipient())).count();
    }

    @Test
    void transient451IsRetriedAndDeliveredOnce() throws Exception {
        smtp.fail("bernd@example.org", "451 4.3.0 try again later", 1);
        Map<State, Long> counts = sendWith(RETRY_AT_ONCE, Duration.ofSeconds(5));
        assertThat(counts.get(State.SENT)).isEqualTo(3);
        assertThat(smtp.tries("bernd@example.org")).isEqualTo(2);
        assertThat(acceptedFor("bernd@example.org")).isEqualTo(1);
    }

    @Test
    void permanent550FailsThatRecipientOnlyAndIsNotRetried() throws Exception {
        smtp.fail("bernd@example.org", "550 5.1.1 no such user", 99);
        Map<State, Long> counts = sendWith(RETRY_AT_ONCE, Duration.ofSeconds(5));
        assertThat(counts.get(State.SENT)).isEqualTo(2);
        assertThat(counts.get(State.FAILED)).isEqualTo(1);
        assertThat(smtp.tries("bernd@example.org")).isEqualTo(1);
        assertThat(metrics.counter("rundbrief.deliveries", "outcome", "sent").count()).isEqualTo(2);
        assertThat(metrics.counter("rundbrief.deliveries", "outcome", "failed").count()).isEqualTo(1);
        assertThat(acceptedFor("anna@example.org")).isEqualTo(1);
        assertThat(acceptedFor("clara@example.org")).isEqualTo(1);
        String error = inst.app.database.jdbc().one("SELECT last_error FROM delivery WHERE status = 'failed'",
                rs -> rs.getString(1)).orElseThrow();
        assertThat(error).contains("550");
    }

    @Test
    void aHardBounceMarksTheSubscriberBouncedAndSuppressesTheAddress() throws Exception {
        smtp.fail("bernd@example.org", "550 5.1.1 no such user", 99);
        sendWith(RETRY_AT_ONCE, Duration.ofSeconds(5));
        var bernd = inst.app.subscribers.byEmail(org.rundbrief.mail.EmailAddress.parse("bernd@example.org")).orElseThrow();
        assertThat(bernd.status()).isEqualTo(org.rundbrief.subscriber.Subscriber.Status.BOUNCED);
        assertThat(inst.app.subscribers.isSuppressed(inst.app.signer.emailHash(bernd.email()))).isTrue();
        assertThat(inst.app.subscribers.consentLog(bernd.id())).extracting(r -> r.action()).contains("bounced");
        assertThat(inst.app.subscribers.byEmail(org.rundbrief.mail.EmailAddress.parse("anna@example.org"))
                .orElseThrow().status()).isEqualTo(org.rundbrief.subscriber.Subscriber.Status.CONFIRMED);
    }

    @Test
    void aPolicyRejectionIsFailedButDoesNotBounceTheSubscriber() throws Exception {
        smtp.fail("bernd@example.org", "554 5.7.1 message refused", 99);
        Map<State, Long> counts = sendWith(RETRY_AT_ONCE, Duration.ofSeconds(5));
        assertThat(counts.get(State.FAILED)).isEqualTo(1);
        assertThat(inst.app.subscribers.byEmail(org.rundbrief.mail.EmailAddress.parse("bernd@example.org"))
                .orElseThrow().status()).isEqualTo(org.rundbrief.subscriber.Subscriber.Status.CONFIRMED);
    }

    @Test
    void serverClosing421IsRetriedOnAFreshConnection() throws Exception {
        smtp.fail("anna@example.org", "421 4.7.0 closing, too busy", 1);
        Map<State, Long> counts = sendWith(RETRY_AT_ONCE, Duration.ofSeconds(5));
        assertThat(counts.get(State.SENT)).isEqualTo(3);
        assertThat(smtp.accepted()).hasSize(3);
    }

    @Test
    void connectionDroppedAfterDataIsRetried() throws Exception {
        smtp.dropAfterData("clara@example.org");
        Map<State, Long> counts = sendWith(RETRY_AT_ONCE, Duration.ofSeconds(5));
        assertThat(counts.get(State.SENT)).isEqualTo(3);
        assertThat(acceptedFor("clara@example.org")).isEqualTo(1);
    }

    @Test
    void transientFailuresStopAfterTheRetryLimit() throws Exception {
        smtp.fail("anna@example.org", "451 4.3.0 still busy", 99);
        Map<State, Long> counts = sendWith(RETRY_AT_ONCE, Duration.ofSeconds(5));
        assertThat(counts.get(State.FAILED)).isEqualTo(1);
        assertThat(smtp.tries("anna@example.org")).isEqualTo(RETRY_AT_ONCE.maxAttempts());
    }

    @Test
    void aStalledServerEndsTheRunWithItsTimeoutAndLeavesTheRowsQueuedForALaterRetry() throws Exception {
        smtp.stall();
        Edition edition = inst.app.editions.plan(Cadence.DAILY, null).orElseThrow();
        assertThatThrownBy(() -> run(edition, new DeliveryRunner.Settings(2, 1000, 100),
                new RetryPolicy(Duration.ofHours(1), Duration.ofHours(1), 3), Duration.ofMillis(500), () -> true))
                .isInstanceOf(DeliveryRunner.ServerUnusable.class).hasMessageContaining("timed out");
        Map<State, Long> counts = inst.app.deliveries.counts(edition.id());
        assertThat(counts.get(State.QUEUED)).isEqualTo(3);
        assertThat(counts.get(State.SENT)).isZero();
        String error = inst.app.database.jdbc().one("SELECT MAX(last_error) FROM delivery", rs -> rs.getString(1)).orElseThrow();
        assertThat(error).containsIgnoringCase("timed out");
    }
}
