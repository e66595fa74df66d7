package org.rundbrief.edition;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rundbrief.delivery.DeliveryStore;
import org.rundbrief.delivery.ServerWatch;
import org.rundbrief.delivery.DeliveryStore.State;
import org.rundbrief.subscriber.Cadence;
import org.rundbrief.testing.FaultySmtpServer;
import org.rundbrief.testing.Installation;
import org.rundbrief.testing.MutableClock;

/** serve's resumer sends what a crash, a dead node or a retry left, without waiting for a cron fire. */
class ResumerTest {
    @TempDir
    Path dir;
    FaultySmtpServer smtp;
    Installation inst;
    Resumer resumer;

    @BeforeEach
    void setUp() throws Exception {
        smtp = new FaultySmtpServer();
        inst = new Installation(dir, smtp.port(), "");
        for (String name : new String[] {"anna", "bernd", "clara"}) {
            inst.subscriber(name + "@example.org", Cadence.DAILY);
        }
        inst.tick();
        inst.article("Sommerfest am Baggersee");
        resumer = new Resumer(inst.app.editionStore, inst.app.editions, inst.app.deliveries, inst.clock, Duration.ofMillis(200));
    }

    @AfterEach
    void tearDown() throws Exception {
        resumer.close();
        inst.close();
        smtp.close();
    }

    private Edition.Status status(long id) {
        return inst.app.editionStore.byId(id).orElseThrow().status();
    }

    @Test
    void anEditionACrashLeftQueuedIsSentAtStartWithoutACronFire() {
        // planned and queued, nothing sent: what a node killed before its first message leaves
        Edition edition = inst.app.editions.plan(Cadence.DAILY, null).orElseThrow();
        resumer.start();
        await().atMost(Duration.ofSeconds(30)).until(() -> status(edition.id()) == Edition.Status.DONE);
        assertThat(smtp.accepted().stream().map(FaultySmtpServer.Accepted::recipient))
                .containsExactlyInAnyOrder("anna@example.org", "bernd@example.org", "clara@example.org");
    }

    @Test
    void anEditionThatStartsSendingOnAnotherNodeIsJoinedWithinSecondsNotAtTheNextFullLook() {
        resumer.close();
        resumer = new Resumer(inst.app.editionStore, inst.app.editions, inst.app.deliveries, inst.clock, Duration.ofHours(1));
        // Other nodes planned these editions and are about to send: their rows are queued and nobody holds them.
        Edition first = inst.app.editions.plan(Cadence.DAILY, null).orElseThrow();
        resumer.start();
        await().atMost(Duration.ofSeconds(10)).until(() -> status(first.id()) == Edition.Status.DONE); // the first full look
        inst.tick();
        inst.article("Vereinsmeisterschaft im Juli");
        Edition second = inst.app.editions.plan(Cadence.DAILY, null).orElseThrow();
        await().atMost(Duration.ofSeconds(10)).until(() -> status(second.id()) == Edition.Status.DONE);
        assertThat(smtp.accepted()).hasSize(6);
    }

    @Test
    void anEditionANodeDiedPlanningIsPlannedToTheEndAndSentOnceItsPlanningLeaseEnds() {
        // Another process's planner started the edition, queued the first subscriber's window, and died.
        EditionPlanner dead = new EditionPlanner(inst.app.editionStore, inst.clock, 30);
        Edition edition = dead.start(Cadence.DAILY, null).orElseThrow();
        long anna = inst.app.subscribers.byEmail(org.rundbrief.mail.EmailAddress.parse("anna@example.org")).orElseThrow().id();
        inst.app.editionStore.jdbc().inTransaction(() -> {
            inst.app.editionStore.planWindow(edition.id(), 0, anna);
            inst.app.editionStore.advanceWatermarks(edition, 0, anna);
        });
        resumer.look(); // its planning lease still runs: it may be alive
        assertThat(status(edition.id())).isEqualTo(Edition.Status.PLANNING);
        assertThat(smtp.accepted()).isEmpty();

        inst.clock.advance(EditionPlanner.LEASE.plusSeconds(1));
        resumer.start();
        await().atMost(Duration.ofSeconds(30)).until(() -> status(edition.id()) == Edition.Status.DONE);
        assertThat(smtp.accepted().stream().map(FaultySmtpServer.Accepted::recipient))
                .containsExactlyInAnyOrder("anna@example.org", "bernd@example.org", "clara@example.org");
    }

    @Test
    void aSecondPlannerLeavesAnEditionToThePlannerWhoseLeaseRuns() {
        EditionPlanner other = new EditionPlanner(inst.app.editionStore, inst.clock, 30);
        Edition edition = other.start(Cadence.DAILY, null).orElseThrow();
        EditionPlanner second = new EditionPlanner(inst.app.editionStore, inst.clock, 30);
        assertThat(second.complete(edition)).get().extracting(Edition::status).isEqualTo(Edition.Status.PLANNING);
        assertThat(inst.app.editionStore.deliveryCount(edition.id())).isZero();
        assertThat(other.complete(edition)).get().extracting(Edition::status).isEqualTo(Edition.Status.SENDING);
        assertThat(inst.app.editionStore.deliveryCount(edition.id())).isEqualTo(3);
    }

    @Test
    void anHourOfSmtpOutageHoldsTheEditionWithoutUsingUpItsTriesAndItGoesOnWhenTheServerIsBack() throws Exception {
        smtp.answerEverything("421 4.3.2 shutting down for maintenance");
        Edition edition = inst.app.editions.plan(Cadence.DAILY, null).orElseThrow();
        for (int look = 0; look < 20; look++) { // far more looks than the six tries a row has
            resumer.look();
            ServerWatch.Outage outage = inst.app.serverWatch.outage().orElseThrow();
            inst.clock.advance(Duration.between(inst.clock.instant(), outage.nextProbe()));
        }
        ServerWatch.Outage outage = inst.app.serverWatch.outage().orElseThrow();
        assertThat(outage.error()).contains("421");
        assertThat(Duration.between(outage.since(), inst.clock.instant())).isGreaterThan(Duration.ofHours(1));
        assertThat(inst.app.deliveries.counts(edition.id())).containsEntry(State.QUEUED, 3L).containsEntry(State.FAILED, 0L);
        assertThat(status(edition.id())).isEqualTo(Edition.Status.SENDING);
        assertThat(inst.app.editionDesk.view(edition.id()).orElseThrow().smtpOutage()).contains(outage);

        resumer.look(); // one more refused probe: the next one is minutes away
        assertThat(inst.app.serverWatch.mayTry()).isFalse();
        smtp.answerEverything(null); // the server is back, and the operator says "send now"
        inst.app.editions.retryNow(edition.id());
        assertThat(inst.app.serverWatch.mayTry()).isTrue();
        resumer.look();
        assertThat(status(edition.id())).isEqualTo(Edition.Status.DONE);
        assertThat(smtp.accepted()).hasSize(3);
        assertThat(inst.app.serverWatch.outage()).isEmpty();
    }

    @Test
    void theRowsOfANodeThatDiedAreSentOnceItsLeasesEnd() {
        Edition edition = inst.app.editions.plan(Cadence.DAILY, null).orElseThrow();
        DeliveryStore store = inst.app.deliveries;
        store.lease(edition.id(), "node-that-died", store.page(edition.id(), 0, 10), inst.clock.instant().plusSeconds(45));
        resumer.start();
        resumer.look(); // a whole look while the lease lasts: nothing is due for this node
        assertThat(smtp.accepted()).isEmpty();
        assertThat(store.counts(edition.id())).containsEntry(State.SENDING, 3L);

        inst.clock.advance(Duration.ofSeconds(46));
        await().atMost(Duration.ofSeconds(30)).until(() -> status(edition.id()) == Edition.Status.DONE);
        assertThat(smtp.accepted()).hasSize(3);
    }

    @Test
    void aLookDuringWhichTheClockMovesOnIsDueAgainEveryAfterItBeganNotAfterItEnded() throws Exception {
        smtp.fail("anna@example.org", "451 4.3.0 try again later", 1);
        inst.app.editions.sendDue(Cadence.DAILY, null, Duration.ZERO);
        long id = inst.app.editionStore.sending().get(0).id();
        // The resumer's clock reads the start of the look first, then a minute later (the look took
        // that long), and then stands still: one more look must be due, and send the retry.
        MutableClock steppedDuringTheLook = new MutableClock(inst.clock.instant());
        steppedDuringTheLook.advanceAfterNextRead(Duration.ofMinutes(1));
        resumer.close();
        resumer = new Resumer(inst.app.editionStore, inst.app.editions, inst.app.deliveries, steppedDuringTheLook,
                Duration.ofMillis(200));
        resumer.look(); // the retry is not due yet
        assertThat(smtp.accepted()).hasSize(2);

        inst.clock.advance(Duration.ofMinutes(1)); // past the first retry's 30 s (±25 %)
        resumer.look();
        assertThat(status(id)).isEqualTo(Edition.Status.DONE);
        assertThat(smtp.accepted()).hasSize(3);
    }

    @Test
    void aRetryThatFellDueIsSentWithoutASecondSend() throws Exception {
        smtp.fail("anna@example.org", "451 4.3.0 try again later", 1);
        inst.app.editions.sendDue(Cadence.DAILY, null, Duration.ZERO);
        long id = inst.app.editionStore.sending().get(0).id();
        assertThat(inst.app.deliveries.counts(id)).containsEntry(State.SENT, 2L).containsEntry(State.QUEUED, 1L);
        resumer.start();
        resumer.look(); // not due yet: the backoff holds
        assertThat(smtp.accepted()).hasSize(2);

        inst.clock.advance(Duration.ofMinutes(1)); // past the first retry's 30 s (±25 %)
        await().atMost(Duration.ofSeconds(30)).until(() -> status(id) == Edition.Status.DONE);
        assertThat(smtp.accepted().stream().map(FaultySmtpServer.Accepted::recipient))
                .containsExactlyInAnyOrder("anna@example.org", "bernd@example.org", "clara@example.org");
    }
}
