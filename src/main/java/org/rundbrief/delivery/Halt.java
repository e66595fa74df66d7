package org.rundbrief.delivery;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import org.rundbrief.smtp.MailFailure;

/**
 * Whether a run must stop handing out and sending rows: the runner was stopped, the edition was
 * paused or cancelled ({@code keepGoing} turned false), or the SMTP server could not be used
 * before a single message went out (then the run ends with that {@link #cause}: minutes of quiet
 * retries would only hide it). Once halted, always halted. The reader's waits end at once when
 * the run halts.
 */
final class Halt {
    private final BooleanSupplier keepGoing;
    private final CountDownLatch halted = new CountDownLatch(1);
    private volatile boolean delivered;
    private volatile MailFailure cause;

    Halt(BooleanSupplier keepGoing) {
        this.keepGoing = keepGoing;
    }

    /** A message went out: from now on the server's troubles are waited out with retries. */
    void delivered() {
        delivered = true;
    }

    /** The server cannot be used: halts the run with this cause unless a message went out already. */
    void serverUnusable(MailFailure f) {
        if (!delivered && cause == null) {
            cause = f;
            now();
        }
    }

    /** Why the run halted because of the server, if it did. */
    Optional<MailFailure> cause() {
        return Optional.ofNullable(cause);
    }

    /** Halts the run now. */
    void now() {
        halted.countDown();
    }

    /** Asks {@code keepGoing} (a database read for pause and cancel) unless already halted. */
    boolean check() {
        if (!isSet() && !keepGoing.getAsBoolean()) {
            now();
        }
        return isSet();
    }

    /** Halted already; asks nothing. */
    boolean isSet() {
        return halted.getCount() == 0;
    }

    /** Waits {@code time}, or less when the run halts meanwhile. */
    void waitFor(Duration time) throws InterruptedException {
        halted.await(time.toNanos(), TimeUnit.NANOSECONDS);
    }
}
