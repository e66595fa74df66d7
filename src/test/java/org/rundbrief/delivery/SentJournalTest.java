package org.rundbrief.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rundbrief.delivery.DeliveryStore.State;
import org.rundbrief.store.Database;
import org.rundbrief.store.Jdbc;
import org.rundbrief.store.Queries;
import org.rundbrief.subscriber.Cadence;
import org.rundbrief.testing.Installation;

/** The journal of "sent" marks, including a writer that dies before the marks reach the database. */
class SentJournalTest {
    @TempDir
    Path dir;
    Installation inst;
    DeliveryStore store;
    long edition;
    List<DeliveryStore.Due> rows;

    @BeforeEach
    void setUp() throws Exception {
        inst = new Installation(dir, 1, "");
        for (String name : List.of("anna", "bernd", "clara")) {
            inst.subscriber(name + "@example.org", Cadence.DAILY);
        }
        inst.tick();
        inst.article("Sommerfest am Baggersee");
        edition = inst.app.editions.plan(Cadence.DAILY, null).orElseThrow().id();
        store = inst.app.deliveries;
        rows = store.page(edition, 0, 10);
        assertThat(rows).hasSize(3);
    }

    @AfterEach
    void tearDown() {
        inst.close();
    }

    private DeliveryStore.Sent sent(int i) {
        return new DeliveryStore.Sent(rows.get(i).id(), "<m" + i + "@news.example.org>", inst.clock.instant());
    }

    private long count(State state) {
        return store.counts(edition).get(state);
    }

    private List<Path> segments(Path journal) throws Exception {
        if (!Files.isDirectory(journal)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(journal)) {
            return files.toList();
        }
    }

    @Test
    void onPostgresASentMarkIsSeenAtOnceAndOnlyItsOwnCommitSkipsWaitingForTheDisk() {
        Jdbc jdbc = inst.app.database.jdbc();
        Assumptions.assumeTrue(jdbc.postgres(), "synchronous_commit is PostgreSQL's");
        SentMarks marks = SentMarks.of(Optional.empty(), store);
        marks.record(sent(0));
        assertThat(count(State.SENT)).as("seen by the next transaction at once").isEqualTo(1);
        // The statement of a mark, made to tell the setting its own transaction commits with:
        String atItsCommit = jdbc.one(Queries.load("/sql/delivery.postgresql.sql").get("mark-sent-now")
                + " RETURNING current_setting('synchronous_commit')", rs -> rs.getString(1),
                inst.clock.instant(), "<m1@news.example.org>", rows.get(1).id()).orElseThrow();
        assertThat(atItsCommit).isEqualTo("off");
        assertThat(count(State.SENT)).isEqualTo(2);
        assertThat(jdbc.one("SHOW synchronous_commit", rs -> rs.getString(1)).orElseThrow())
                .as("the connection's next transaction waits for the disk again").isEqualTo("on");
    }

    @Test
    void flushedMarksAreInTheDatabaseAndTheSegmentIsGone() throws Exception {
        Path journal = dir.resolve("marks");
        try (SentJournal marks = new SentJournal(journal, store)) {
            marks.record(sent(0));
            marks.record(sent(1));
            assertThat(segments(journal)).hasSize(1);
            marks.flush();
            assertThat(count(State.SENT)).isEqualTo(2);
            assertThat(count(State.QUEUED)).isEqualTo(1);
            assertThat(segments(journal)).isEmpty();
        }
    }

    @Test
    void marksOfAKilledWriterAreReplayedOnceByTheNextSender() throws Exception {
        Path journal = dir.resolve("marks");
        // A separate JVM records two marks and dies at once (no flush, no shutdown hook).
        Process writer = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), SentJournalWriter.class.getName(),
                inst.app.config.database().url(), inst.app.config.database().user(), journal.toString(), Long.toString(rows.get(0).id()),
                Long.toString(rows.get(2).id())).inheritIO().start();
        assertThat(writer.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(writer.exitValue()).isEqualTo(SentJournalWriter.HALTED);
        assertThat(count(State.SENT)).as("the marks never reached the database").isZero();
        assertThat(segments(journal)).hasSize(1);

        try (SentJournal marks = new SentJournal(journal, store)) {
            marks.recover();
            assertThat(count(State.SENT)).isEqualTo(2);
            assertThat(count(State.QUEUED)).isEqualTo(1);
            assertThat(segments(journal)).isEmpty();
            marks.recover();
            assertThat(count(State.SENT)).isEqualTo(2);
        }
    }

    @Test
    void aSegmentStillBeingWrittenIsNotReplayedByAnotherSender() throws Exception {
        Path journal = dir.resolve("marks");
        try (SentJournal writing = new SentJournal(journal, store); SentJournal other = new SentJournal(journal, store)) {
            writing.record(sent(0));
            other.recover();
            assertThat(segments(journal)).as("left to its writer").hasSize(1);
            writing.flush();
            assertThat(count(State.SENT)).isEqualTo(1);
        }
    }

    @Test
    void anUnwritableJournalFallsBackToMarkingInTheDatabase() throws Exception {
        Path notADirectory = Files.writeString(dir.resolve("in-the-way"), "a file, not a directory");
        try (SentJournal marks = new SentJournal(notADirectory, store)) {
            marks.record(sent(1));
            assertThat(count(State.SENT)).as("marked at once").isEqualTo(1);
        }
        assertThat(Files.readString(notADirectory)).isEqualTo("a file, not a directory");
    }

    /** A sender process that records marks and is killed before it flushes them. */
    public static final class SentJournalWriter {
        static final int HALTED = 42;

        public static void main(String[] args) {
            Database db = Database.open(new org.rundbrief.config.Config.Database(args[0], args[1], ""), 2);
            SentJournal marks = new SentJournal(Path.of(args[2]), new DeliveryStore(db.jdbc(), java.time.Clock.systemUTC()));
            for (int i = 3; i < args.length; i++) {
                marks.record(new DeliveryStore.Sent(Long.parseLong(args[i]), "<killed@news.example.org>", Instant.now()));
            }
            Runtime.getRuntime().halt(HALTED);
        }
    }
}
