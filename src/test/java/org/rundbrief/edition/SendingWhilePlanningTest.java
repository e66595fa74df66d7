package org.rundbrief.edition;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rundbrief.app.App;
import org.rundbrief.delivery.DeliveryRunner;
import org.rundbrief.delivery.DeliveryStore.State;
import org.rundbrief.delivery.RetryPolicy;
import org.rundbrief.delivery.SentMarks;
import org.rundbrief.render.EditionMessages;
import org.rundbrief.smtp.Mailer;
import org.rundbrief.subscriber.Cadence;
import org.rundbrief.subscriber.Subscriber;
import org.rundbrief.testing.FaultySmtpServer;
import org.rundbrief.testing.Installation;

/**
 * An edition is sent while it is planned: the planner queues one subscriber per window here, and
 * the sender must deliver the first windows while a later one is still being queued, and still
 * send everybody exactly once.
 */
class SendingWhilePlanningTest {
    @TempDir
    Path dir;
    FaultySmtpServer smtp;
    Installation inst;
    EditionSender sender;
    SentMarks marks;

    @BeforeEach
    void setUp() throws Exception {
        smtp = new FaultySmtpServer();
        inst = new Installation(dir, smtp.port(), "");
        App app = inst.app;
        marks = SentMarks.of(Optional.of(dir.resolve("sent")), app.deliveries);
        DeliveryRunner runner = new DeliveryRunner(app.deliveries, marks,
                new io.micrometer.core.instrument.simple.SimpleMeterRegistry(), Mailer.create(app.config),
                new EditionMessages(app.editionStore, app.articles::byIds, app.recipients(), app.digests),
                app.subscriberService::hardBounce, inst.clock, new DeliveryRunner.Settings(2, 1000, 100),
                RetryPolicy.DEFAULT);
        sender = new EditionSender(app.editionStore, new EditionPlanner(app.editionStore, inst.clock, 7, 1), runner,
                app.deliveries, inst.clock);
    }

    @AfterEach
    void tearDown() throws Exception { // what setUp made, in reverse: a setUp that failed part way keeps its own error
        if (marks != null) {
            marks.close();
        }
        if (inst != null) {
            inst.close();
        }
        if (smtp != null) {
            smtp.close();
        }
    }

    @Test
    void theFirstWindowsGoOutWhileALaterOneIsStillBeingQueued() throws Exception {
        for (int i = 0; i < 5; i++) {
            inst.subscriber("m" + i + "@example.org", Cadence.DAILY);
        }
        Subscriber last = inst.subscriber("last@example.org", Cadence.DAILY);
        inst.tick();
        inst.article("Warm-up");
        inst.tick();
        sender.sendDue(Cadence.DAILY, null, Duration.ZERO); // classes loaded, templates compiled
        inst.tick();
        inst.article("Sommerfest");
        inst.tick();
        int before = smtp.accepted().size();

        // The last window moves the last subscriber's watermark: holding that row stops planning there.
        CountDownLatch locked = new CountDownLatch(1);
        Thread holder = new Thread(() -> holdRowUntilAMessageArrives(last.id(), before, locked));
        holder.start();
        assertThat(locked.await(10, TimeUnit.SECONDS)).as("the row is locked before planning starts").isTrue();
        List<Edition> worked = sender.sendDue(Cadence.DAILY, null, Duration.ZERO);
        holder.join();

        assertThat(firstArrivedWhileHeld).as("a message went out while planning waited for the last window").isTrue();
        assertThat(worked).hasSize(1);
        Edition edition = inst.app.editionStore.byId(worked.get(0).id()).orElseThrow();
        assertThat(edition.status()).isEqualTo(Edition.Status.DONE);
        assertThat(inst.app.deliveries.counts(edition.id()).get(State.SENT)).isEqualTo(6);
        List<String> recipients = smtp.accepted().subList(before, smtp.accepted().size()).stream()
                .map(FaultySmtpServer.Accepted::recipient).toList();
        assertThat(recipients).hasSize(6).doesNotHaveDuplicates().contains("last@example.org");
        // The watermarks moved for all: nothing is new now.
        assertThat(sender.sendDue(Cadence.DAILY, null, Duration.ZERO)).isEmpty();
    }

    @Test
    void anEditionNobodyGetsIsDeletedAndNotReported() throws Exception {
        inst.subscriber("anna@example.org", Cadence.WEEKLY);
        inst.subscriber("bernd@example.org", Cadence.DAILY);
        inst.tick();
        inst.article("Sommerfest");
        inst.tick();
        sender.sendDue(Cadence.DAILY, null, Duration.ZERO);
        inst.tick();
        int before = smtp.accepted().size();

        assertThat(sender.sendDue(Cadence.DAILY, null, Duration.ZERO)).as("nothing new for daily").isEmpty();
        assertThat(inst.app.editionStore.unfinished(Cadence.DAILY)).isEmpty();
        assertThat(smtp.accepted()).hasSize(before);
    }

    @Test
    void aCancelStopsPlanningKeepsTheEditionAndTheArticlesComeNextTime() throws Exception {
        inst.subscriber("anna@example.org", Cadence.DAILY);
        inst.tick();
        inst.article("Sommerfest");
        inst.tick();
        EditionPlanner planner = new EditionPlanner(inst.app.editionStore, inst.clock, 7, 1);
        Edition started = planner.start(Cadence.DAILY, null).orElseThrow();
        inst.app.editions.cancel(started.id());

        assertThat(planner.complete(started)).get().extracting(Edition::status).isEqualTo(Edition.Status.CANCELLED);
        assertThat(inst.app.deliveries.counts(started.id()).values().stream().mapToLong(Long::longValue).sum()).isZero();
        inst.tick();
        assertThat(sender.sendDue(Cadence.DAILY, null, Duration.ZERO)).hasSize(1);
        assertThat(smtp.accepted()).singleElement().extracting(FaultySmtpServer.Accepted::data).asString()
                .contains("Sommerfest");
    }

    /** Anna and Bernd (daily), an article new for both; a planner queueing one subscriber per window. */
    private EditionPlanner twoMembersAndANewArticle() {
        inst.subscriber("anna@example.org", Cadence.DAILY);
        inst.subscriber("bernd@example.org", Cadence.DAILY);
        inst.tick();
        inst.article("Sommerfest");
        inst.tick();
        return new EditionPlanner(inst.app.editionStore, inst.clock, 7, 1);
    }

    @Test
    void anEditionCreatedHeldIsNeitherSentNorPlannedByAScheduledSendWhileItIsBeingPlanned() throws Exception {
        EditionPlanner planner = twoMembersAndANewArticle();
        // The admin's create has started (planHeld = this start, then complete): paused from the first moment.
        Edition held = planner.start(Cadence.DAILY, null, Edition.Status.PAUSED).orElseThrow();

        // The scheduled send of the cadence, meanwhile: held back, it neither sends nor plans the edition.
        assertThatThrownBy(() -> sender.sendDue(Cadence.DAILY, null, Duration.ZERO))
                .isInstanceOf(EditionHeld.class).hasMessageContaining("edition " + held.id());
        assertThat(inst.app.editionStore.deliveryCount(held.id())).isZero();

        assertThat(planner.complete(held)).get().extracting(Edition::status).isEqualTo(Edition.Status.PAUSED);
        assertThat(inst.app.editionStore.deliveryCount(held.id())).isEqualTo(2);
        assertThat(smtp.accepted()).isEmpty();

        inst.app.editions.resume(held.id());
        assertThat(sender.sendDue(Cadence.DAILY, null, Duration.ZERO)).extracting(Edition::id).containsExactly(held.id());
        assertThat(smtp.accepted()).hasSize(2);
    }

    @Test
    void anEditionPausedWhilePlanningAndCutOffByACrashIsPlannedToTheEndWhenResumed() throws Exception {
        Edition cutOff = cutOffAfterAnnasWindow();
        EditionStore store = inst.app.editionStore;
        sender.pause(cutOff.id()); // paused meanwhile
        assertThat(store.byId(cutOff.id()).orElseThrow().planned()).isFalse();

        sender.resume(cutOff.id());
        inst.clock.advance(EditionPlanner.LEASE); // the killed process's planning lease ends
        sender.send(cutOff.id(), Duration.ZERO);

        assertThat(smtp.accepted()).extracting(FaultySmtpServer.Accepted::recipient)
                .containsExactlyInAnyOrder("anna@example.org", "bernd@example.org", "carla@example.org");
        Edition edition = store.byId(cutOff.id()).orElseThrow();
        assertThat(edition.status()).isEqualTo(Edition.Status.DONE);
        assertThat(edition.planned()).isTrue();
        inst.tick();
        assertThat(sender.sendDue(Cadence.DAILY, null, Duration.ZERO)).as("nothing is new for anybody").isEmpty();
        assertThat(smtp.accepted()).hasSize(3);
    }

    @Test
    void anEditionWhosePlannerWasKilledGoesOutAtOnceAndIsPlannedToTheEndWhenItsLeaseEnds() throws Exception {
        Edition cutOff = cutOffAfterAnnasWindow();
        EditionStore store = inst.app.editionStore;

        CompletableFuture<List<Edition>> sending = CompletableFuture.supplyAsync(() -> {
            try {
                return sender.sendDue(Cadence.DAILY, null, Duration.ofSeconds(5));
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        await().atMost(Duration.ofSeconds(10)).until(() -> smtp.accepted().stream()
                .anyMatch(a -> a.recipient().equals("anna@example.org")));
        assertThat(smtp.accepted()).as("the rows queued before the kill, sent while its lease runs").hasSize(1);
        assertThat(sending).as("waiting for the killed planner's lease").isNotDone();
        inst.clock.advance(EditionPlanner.LEASE);
        List<Edition> worked = sending.get(30, TimeUnit.SECONDS);

        assertThat(worked).extracting(Edition::id).as("no second edition for the rest").containsExactly(cutOff.id());
        assertThat(smtp.accepted()).extracting(FaultySmtpServer.Accepted::recipient)
                .containsExactlyInAnyOrder("anna@example.org", "bernd@example.org", "carla@example.org");
        assertThat(store.byId(cutOff.id()).orElseThrow().status()).isEqualTo(Edition.Status.DONE);
    }

    @Test
    void aPlannerThatStopsGivesItsLeaseBackAndTheNextOnePlansTheRestAtOnce() throws Exception {
        threeMembersAndANewArticle();
        EditionPlanner stopping = new EditionPlanner(inst.app.editionStore, inst.clock, 7, 1);
        Edition started = stopping.start(Cadence.DAILY, null).orElseThrow();
        // the process stops once the first member is queued, before the next window
        Edition left = stopping.complete(started, () -> inst.app.deliveries.counts(started.id()).get(State.QUEUED) > 0)
                .orElseThrow();

        assertThat(left.status()).isEqualTo(Edition.Status.PLANNING);
        assertThat(left.planned()).isFalse();
        assertThat(inst.app.deliveries.counts(started.id()).get(State.QUEUED)).isEqualTo(1);
        Edition planned = new EditionPlanner(inst.app.editionStore, inst.clock, 7, 1).complete(left).orElseThrow();
        assertThat(planned.planned()).as("planned to the end at once: the clock did not move").isTrue();
        assertThat(planned.status()).isEqualTo(Edition.Status.SENDING);
        assertThat(inst.app.deliveries.counts(started.id()).get(State.QUEUED)).isEqualTo(3);
    }

    @Test
    void anEditionPausedWhilePlanningIsPlannedToTheEndAndStaysPaused() throws Exception {
        EditionPlanner planner = twoMembersAndANewArticle();
        Edition started = planner.start(Cadence.DAILY, null).orElseThrow();
        sender.pause(started.id());

        Edition planned = planner.complete(started).orElseThrow();

        assertThat(planned.status()).isEqualTo(Edition.Status.PAUSED);
        assertThat(planned.planned()).isTrue();
        assertThat(inst.app.deliveries.counts(started.id()).get(State.QUEUED)).isEqualTo(2);
        assertThat(smtp.accepted()).isEmpty();
    }

    /** Anna, Bernd and Carla, then a new article; Anna. */
    private Subscriber threeMembersAndANewArticle() {
        Subscriber anna = inst.subscriber("anna@example.org", Cadence.DAILY);
        inst.subscriber("bernd@example.org", Cadence.DAILY);
        inst.subscriber("carla@example.org", Cadence.DAILY);
        inst.tick();
        inst.article("Sommerfest");
        inst.tick();
        return anna;
    }

    /**
     * What a process killed (or stopped by a second Ctrl-C) after planning Anna's window leaves
     * behind: the edition in state planning, its planner's lease still running.
     */
    private Edition cutOffAfterAnnasWindow() {
        Subscriber anna = threeMembersAndANewArticle();
        EditionStore store = inst.app.editionStore;
        Edition cutOff = new EditionPlanner(store, inst.clock, 7, 1).start(Cadence.DAILY, null).orElseThrow();
        store.jdbc().inTransaction(() -> {
            store.planWindow(cutOff.id(), 0, anna.id());
            store.advanceWatermarks(cutOff, 0, anna.id());
        });
        return cutOff;
    }

    private volatile boolean firstArrivedWhileHeld;

    /** Locks the subscriber's row until a new message arrived (at most 1.5 s, below H2's lock timeout of 2 s). */
    private void holdRowUntilAMessageArrives(long subscriberId, int before, CountDownLatch locked) {
        try (Connection c = inst.app.database.dataSource().getConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement ps = c.prepareStatement("SELECT id FROM subscriber WHERE id = ? FOR UPDATE")) {
                ps.setLong(1, subscriberId);
                ps.executeQuery().close();
            }
            locked.countDown();
            try {
                await().atMost(Duration.ofMillis(1500)).pollInterval(Duration.ofMillis(5))
                        .until(() -> smtp.accepted().size() > before);
                firstArrivedWhileHeld = true;
            } catch (ConditionTimeoutException e) {
                firstArrivedWhileHeld = false;
            }
            c.rollback();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
