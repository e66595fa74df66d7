package org.rundbrief.cli;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.rundbrief.app.App;
import org.rundbrief.delivery.DeliveryRunner;
import org.rundbrief.delivery.DeliveryStore.State;
import org.rundbrief.edition.Edition;
import org.rundbrief.store.StoreException;
import org.rundbrief.subscriber.Cadence;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "send", mixinStandardHelpOptions = true,
        description = {"Plan and send the due edition of a cadence now.",
                "",
                "Each confirmed subscriber of the cadence gets one digest of the articles that are new for",
                "them (collected after they confirmed and after their last digest, published within",
                "delivery.maxAgeDays). Nobody gets a mail when nothing is new. An edition left unfinished",
                "by a crash or a stop is finished first. While an edition of the cadence is paused, no new",
                "one starts (exit code 1): send or cancel it on the admin page first. Safe to run while",
                "'serve' is running.",
                "",
                "A first issue: members who signed up after the articles were collected get nothing from a",
                "plain send. --include-recent 7d sends them the articles collected in the last 7 days once;",
                "members who got a digest before are not affected, and nobody gets an article twice.",
                "",
                "Examples:",
                "  rundbrief send --cadence daily",
                "  rundbrief send --cadence weekly --include-recent 7d",
                "  rundbrief send --cadence weekly --topic termine --dry-run"})
public final class SendCommand extends AppCommand {
    @Option(names = "--cadence", required = true, paramLabel = "C", description = "immediate, daily or weekly")
    String cadence;

    @Option(names = "--topic", paramLabel = "T", description = "Only articles of this topic, only to its subscribers.")
    String topic;

    @Option(names = "--dry-run", description = "Show how many subscribers would get a digest; send nothing, change nothing.")
    boolean dryRun;

    @Option(names = "--include-recent", paramLabel = "DAYS",
            description = "A first issue: members who never got a digest also get what was collected in the last DAYS (e.g. 7d), once.")
    String includeRecent;

    @Override
    protected int run(App app) throws Exception {
        Cadence c = Cadence.parse(cadence);
        if (topic != null && !app.config.hasTopic(topic)) {
            throw new IllegalArgumentException("--topic: '" + topic + "' is not a configured topic");
        }
        Duration recent = includeRecent == null ? null : days(includeRecent);
        if (dryRun) {
            long recipients = app.editions.dryRun(c, topic, recent);
            out().printf("dry run: %d subscriber(s) would get a %s digest%s; nothing was sent.%n",
                    recipients, c.id(), topic == null ? "" : " on topic " + topic);
            return 0;
        }
        long start = System.nanoTime();
        ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "progress");
            t.setDaemon(true);
            return t;
        });
        ProgressBar bar = new ProgressBar(err(), "sending");
        AtomicReference<Long> shown = new AtomicReference<>(); // the edition the bar shows, once drawn
        ticker.schedule(new Runnable() {
            @Override
            public void run() {
                long began = System.nanoTime();
                app.editions.sending(c).ifPresent(id -> {
                    if (EditionCount.of(app.editions.progress(id)).drawOn(bar, false)) {
                        shown.set(id);
                    }
                });
                // Counting an edition of a million rows takes a while: keep the bar under 5 % of the work.
                long next = Math.max(TimeUnit.MILLISECONDS.toNanos(500), 20 * (System.nanoTime() - began));
                ticker.schedule(this, next, TimeUnit.NANOSECONDS);
            }
        }, 500, TimeUnit.MILLISECONDS);
        app.editions.onSmtpFailure(new FailurePrinter(err()));
        app.editions.retryNow(c); // a second send after fixing the server must not wait for the backoff
        List<Edition> worked;
        try (StopSignals signals = StopSignals.onStop(() -> {
            err().printf("%nStopping after the messages in hand (Ctrl-C again quits at once) ...%n");
            app.stopWork();
        })) {
            worked = app.editions.sendDue(c, topic, recent, Duration.ofMinutes(2));
        } catch (DeliveryRunner.ServerUnusable e) {
            bar.finish();
            err().printf("send: %s%nNothing could be sent; the messages wait in the queue. Fix smtp.* (or the server) and run"
                    + " 'rundbrief send --cadence %s' again: it retries them at once.%n", e.getMessage(), c.id());
            return 1;
        } catch (StoreException e) {
            bar.finish();
            err().printf("send: the database failed: %s%nWhat went out is marked as sent, but for at most the last message"
                    + " of each SMTP connection, which may go out again. Run 'rundbrief send --cadence %s' once the"
                    + " database is back: it goes on where this send stopped.%n", e.getMessage(), c.id());
            return 1;
        } finally {
            ticker.shutdownNow();
            ticker.awaitTermination(10, TimeUnit.SECONDS); // no tick draws after the last line
        }
        if (worked.isEmpty()) {
            out().println(app.editions.whyNothingNew(c, topic).explain(c));
            return 0;
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        if (shown.get() != null) { // the bar ends where the edition ended, not at the last tick's count
            EditionCount.of(app.editions.progress(shown.get())).drawOn(bar, true);
        }
        boolean stopped = app.editions.stopping();
        long sentTotal = 0;
        long failedTotal = 0;
        for (Edition e : worked) {
            Map<State, Long> n = app.editions.progress(e.id());
            sentTotal += n.get(State.SENT);
            failedTotal += n.get(State.FAILED);
            String left;
            if (stopped) {
                left = (n.get(State.QUEUED) + n.get(State.SENDING)) + " not sent yet";
            } else {
                // SENDING: rows in another sender's lease (another node, or a process killed less than a lease ago)
                left = n.get(State.QUEUED) + " waiting for retry"
                        + (n.get(State.SENDING) == 0 ? "" : ", " + n.get(State.SENDING) + " held by another sender");
            }
            out().printf("Edition %d (%s%s): %d sent, %d failed, %s.%n", e.id(), c.id(),
                    e.topic() == null ? "" : ", topic " + e.topic(), n.get(State.SENT), n.get(State.FAILED), left);
        }
        if (stopped) {
            out().printf("Stopped after %.1f s. The rest waits in the queue: 'rundbrief send --cadence %s' sends it"
                    + " (a running serve does so by itself).%n", seconds, c.id());
            return ExitCodes.FAILED;
        }
        out().printf("Done in %.1f s (%.0f msg/s).%n", seconds, sentTotal / Math.max(seconds, 0.001));
        return sentTotal == 0 && failedTotal > 0 ? 1 : 0;
    }

    /**
     * Prints each SMTP error as it happens, on its own line; the same error again only after
     * {@link #QUIET} (an outage fails every message the same way).
     */
    private static final class FailurePrinter implements java.util.function.Consumer<String> {
        private static final Duration QUIET = Duration.ofSeconds(10);
        private final java.io.PrintWriter err;
        private String last;
        private long lastAt;

        FailurePrinter(java.io.PrintWriter err) {
            this.err = err;
        }

        @Override
        public synchronized void accept(String error) {
            long now = System.nanoTime();
            if (!error.equals(last) || now - lastAt > QUIET.toNanos()) {
                err.println();
                err.println("smtp: " + error);
                err.flush();
                last = error;
                lastAt = now;
            }
        }
    }

    /** {@code 7d} or {@code 7}: whole days, at least one. */
    static Duration days(String value) {
        String v = value.strip().toLowerCase(java.util.Locale.ROOT);
        v = v.endsWith("d") ? v.substring(0, v.length() - 1) : v;
        try {
            int n = Integer.parseInt(v);
            if (n >= 1) {
                return Duration.ofDays(n);
            }
        } catch (NumberFormatException e) {
            // falls through to the message
        }
        throw new IllegalArgumentException("--include-recent: '" + value + "' is not a number of days (e.g. 7d)");
    }

    /** An edition's rows for the bar: done (sent, failed or cancelled) of all. */
    private record EditionCount(long done, long total, long failed) {
        static EditionCount of(Map<State, Long> n) {
            long total = n.values().stream().mapToLong(Long::longValue).sum();
            return new EditionCount(n.get(State.SENT) + n.get(State.FAILED) + n.get(State.CANCELLED), total,
                    n.get(State.FAILED));
        }

        /** Draws (and with {@code last} ends) the bar; false while no row is queued yet (nothing is "100 %" done). */
        boolean drawOn(ProgressBar bar, boolean last) {
            if (total == 0) {
                return false;
            }
            if (last) {
                bar.complete(done, total, "failed " + failed);
            } else {
                bar.update(done, total, "failed " + failed);
            }
            return true;
        }
    }
}
