package org.rundbrief.subscriber;

import java.io.Reader;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.function.Consumer;

/**
 * Streaming CSV import: rows are checked by {@link CsvSubscriberReader} and stored in transactions
 * of {@value #CHUNK} rows; suppressed addresses are skipped, each named with its line (the admin
 * has the address in the file already; they need to know why it was not imported, and that
 * {@code subscribers unsuppress} exists). Addresses already
 * stored are left alone, so importing the same file twice changes nothing. With
 * {@code confirmed} the admin vouches for consent (the note is the proof in the consent log);
 * without it, every new row is pending and handed to {@code onPending} (which queues a confirmation
 * mail) in the transaction that stores it.
 */
public final class SubscriberImport {
    /**
     * Rows per transaction. On H2 a transaction of 1,000 rows mostly commits before the engine has
     * written its pages out, so committing rewrites pages still in memory; with 5,000 the commit
     * dirtied the written pages again (CPU of a 1,000,000-row import −13 %, bench/README.md).
     */
    static final int CHUNK = 1000;

    public record Options(boolean confirmed, String consentNote) {
        public Options {
            consentNote = Choices.text("--consent-note", consentNote);
            if (confirmed && consentNote == null) {
                throw new IllegalArgumentException("--confirmed needs --consent-note TEXT saying how consent was given");
            }
        }
    }

    /** Counts of one run; {@code rows} = imported + unchanged + suppressed + rejected. */
    /** {@code stopped}: the listener asked to stop before the end of the file; the rows counted are stored. */
    public record Result(long rows, long imported, long unchanged, long suppressed, long rejected, boolean stopped) {}

    public interface Listener {
        /** A row that was not imported; {@code why} names its problems (the message is the English text). */
        void rejected(long line, InvalidInput why);

        /** A row whose address is on the suppression list (forgotten, bounced or complained): not imported. */
        default void suppressed(long line, String email) {}

        /** Called after every stored chunk with the number of rows read so far. */
        void progress(long rows);

        /** Asked after every stored chunk: true ends the import there (the process is stopping); the rows read are stored. */
        default boolean stopping() {
            return false;
        }
    }

    private final SubscriberStore store;
    private final Choices choices;
    private final Signer signer;
    private final Clock clock;
    private final Consumer<Subscriber> onPending;

    public SubscriberImport(SubscriberStore store, Choices choices, Signer signer, Clock clock,
                            Consumer<Subscriber> onPending) {
        this.store = store;
        this.choices = choices;
        this.signer = signer;
        this.clock = clock;
        this.onPending = onPending;
    }

    public Result run(Reader csv, Options options, Listener listener) {
        var status = options.confirmed() ? Subscriber.Status.CONFIRMED : Subscriber.Status.PENDING;
        var consent = new Consent(options.confirmed() ? "imported_confirmed" : "imported_pending", Origin.IMPORT,
                null, null, options.consentNote());
        var run = new Object() {
            final List<NewSubscriber> chunk = new ArrayList<>(CHUNK);
            final List<String> keys = new ArrayList<>(CHUNK);
            final List<Long> lines = new ArrayList<>(CHUNK);
            long rows, imported, suppressed, rejected;
            boolean stopped;

            void flush() {
                if (!chunk.isEmpty()) {
                    // A pending row and its confirmation mail are stored together: a crash loses neither alone.
                    var stored = store.inTransaction(() -> {
                        var inserted = store.insertMissing(chunk, keys, status, clock.instant(), consent);
                        if (status == Subscriber.Status.PENDING) {
                            inserted.inserted().forEach(s -> store.byEmail(s.email()).ifPresent(onPending));
                        }
                        return inserted;
                    });
                    imported += stored.inserted().size();
                    suppressed += stored.suppressed().size();
                    stored.suppressed().forEach(i -> listener.suppressed(lines.get(i), chunk.get(i).email().value()));
                    chunk.clear();
                    keys.clear();
                    lines.clear();
                }
                listener.progress(rows);
            }
        };
        try (var reading = new ReadAhead(csv)) {
            reading:
            for (Handover h = reading.next(); ; h = reading.next()) {
                for (Row row : h.rows()) {
                    run.rows++;
                    if (row instanceof Rejected r) {
                        run.rejected++;
                        listener.rejected(r.line(), r.why());
                    } else if (row instanceof Accepted a) {
                        run.chunk.add(a.subscriber());
                        run.keys.add(a.suppressionKey());
                        run.lines.add(a.line());
                        if (run.chunk.size() == CHUNK) {
                            run.flush();
                            if (listener.stopping()) {
                                run.stopped = true;
                                break reading;
                            }
                        }
                    }
                }
                if (h.failure() != null) {
                    // the good rows before the broken spot stay imported; a fixed file re-imports cleanly
                    run.flush();
                    throw h.failure();
                }
                if (h.last()) {
                    break;
                }
            }
            run.flush();
        }
        if (run.imported > 0) {
            store.refreshStatistics();
        }
        long unchanged = run.rows - run.imported - run.suppressed - run.rejected;
        return new Result(run.rows, run.imported, unchanged, run.suppressed, run.rejected, run.stopped);
    }

    /** A data row of the file as the reading thread saw it: checked, or rejected with its problems. */
    private sealed interface Row permits Accepted, Rejected {}

    /** With the key the suppression list would hold for its address (an HMAC, computed while reading). */
    private record Accepted(long line, NewSubscriber subscriber, String suppressionKey) implements Row {}

    private record Rejected(long line, InvalidInput why) implements Row {}

    /** Rows in file order; the last handover also carries the reader's failure, if any. */
    private record Handover(List<Row> rows, boolean last, RuntimeException failure) {}

    /** Rows per handover between the threads. */
    private static final int HANDOVER = 1000;

    /**
     * Parsing and checking the CSV (and hashing each address) run on a thread of their own, one or
     * two chunks ahead of the storing thread: on two cores they overlap with the database work
     * instead of adding to it. The queue is bounded, so memory stays bounded whatever the file's
     * size; all listener calls and all database work stay on the caller's thread, in file order.
     */
    private final class ReadAhead implements AutoCloseable {
        private final BlockingQueue<Handover> queue = new ArrayBlockingQueue<>(2 * CHUNK / HANDOVER);
        private final Thread thread;

        ReadAhead(Reader csv) {
            thread = new Thread(() -> read(csv), "subscriber-import-reader");
            thread.setDaemon(true);
            thread.start();
        }

        Handover next() {
            try {
                return queue.take();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("import interrupted", e);
            }
        }

        private void read(Reader csv) {
            var sink = new CsvSubscriberReader.Sink() {
                List<Row> rows = new ArrayList<>(HANDOVER);

                @Override
                public void accepted(long line, NewSubscriber s) {
                    add(new Accepted(line, s, signer.emailHash(s.email())));
                }

                @Override
                public void rejected(long line, InvalidInput why) {
                    add(new Rejected(line, why));
                }

                private void add(Row row) {
                    rows.add(row);
                    if (rows.size() == HANDOVER) {
                        hand(new Handover(rows, false, null));
                        rows = new ArrayList<>(HANDOVER);
                    }
                }
            };
            RuntimeException failure = null;
            try {
                new CsvSubscriberReader(choices).read(csv, sink);
            } catch (Stopped stopped) {
                return;
            } catch (RuntimeException e) {
                failure = e;
            } catch (Error e) {
                failure = new IllegalStateException("reading the CSV failed: " + e, e);
            }
            try {
                hand(new Handover(sink.rows, true, failure));
            } catch (Stopped stopped) {
                // the storing thread has given up already
            }
        }

        private void hand(Handover h) {
            try {
                queue.put(h);
            } catch (InterruptedException e) {
                throw new Stopped();
            }
        }

        /** Stops the reading thread when the storing side ends early (a database error). */
        @Override
        public void close() {
            thread.interrupt();
        }
    }

    /** Unwinds the reading thread once nobody takes its rows any more. */
    private static final class Stopped extends RuntimeException {
        Stopped() {
            super(null, null, false, false);
        }
    }
}
