package org.rundbrief.subscriber;

import java.io.Reader;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Streaming CSV import: rows are checked by {@link CsvSubscriberReader} and stored in transactions
 * of {@value #CHUNK} rows; suppressed addresses are skipped silently (counted, not named: the
 * report must not reveal a forgotten address). Addresses already
 * stored are left alone, so importing the same file twice changes nothing. With
 * {@code confirmed} the admin vouches for consent (the note is the proof in the consent log);
 * without it, every new row is pending and handed to {@code onPending} (which mails a confirmation).
 */
public final class SubscriberImport {
    static final int CHUNK = 5000;

    public record Options(boolean confirmed, String consentNote) {
        public Options {
            consentNote = Choices.text("--consent-note", consentNote);
            if (confirmed && consentNote == null) {
                throw new IllegalArgumentException("--confirmed needs --consent-note TEXT saying how consent was given");
            }
        }
    }

    /** Counts of one run; {@code rows} = imported + unchanged + suppressed + rejected. */
    public record Result(long rows, long imported, long unchanged, long suppressed, long rejected) {}

    public interface Listener {
        void rejected(long line, String reason);

        /** Called after every stored chunk with the number of rows read so far. */
        void progress(long rows);
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
            long rows, imported, suppressed, rejected;

            void flush() {
                if (!chunk.isEmpty()) {
                    var stored = store.insertMissing(chunk, signer::emailHash, status, clock.instant(), consent);
                    imported += stored.inserted().size();
                    suppressed += stored.suppressed();
                    chunk.clear();
                    if (status == Subscriber.Status.PENDING) {
                        stored.inserted().forEach(s -> store.byEmail(s.email()).ifPresent(onPending));
                    }
                }
                listener.progress(rows);
            }
        };
        var sink = new CsvSubscriberReader.Sink() {
            @Override
            public void accepted(long line, NewSubscriber s) {
                run.rows++;
                run.chunk.add(s);
                if (run.chunk.size() == CHUNK) {
                    run.flush();
                }
            }

            @Override
            public void rejected(long line, String reason) {
                run.rows++;
                run.rejected++;
                listener.rejected(line, reason);
            }
        };
        try {
            new CsvSubscriberReader(choices).read(csv, sink);
        } catch (IllegalArgumentException malformed) {
            run.flush(); // the good rows before the broken spot stay imported; a fixed file re-imports cleanly
            throw malformed;
        }
        run.flush();
        long unchanged = run.rows - run.imported - run.suppressed - run.rejected;
        return new Result(run.rows, run.imported, unchanged, run.suppressed, run.rejected);
    }
}
