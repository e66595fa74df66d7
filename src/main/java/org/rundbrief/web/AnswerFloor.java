package org.rundbrief.web;

import io.javalin.http.Handler;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Holds back a form's answer until a fixed time after its handler began, so that how long the
 * answer takes does not tell what the handler did: a new address queues a signed confirmation
 * mail, a confirmed one (noticed within the last day) causes no work at all. The wait holds no
 * thread: the handler does its work and sets the answer, then the request goes asynchronous and a
 * timer hands it back to the server's pool when the floor is reached, where it is written. A slow
 * client can therefore not use these waits to exhaust the bounded pool ({@link HttpLimits}).
 *
 * <p>Work that takes longer than the floor is not padded further: on a machine too busy to do
 * the work within the floor, the difference shows again. The clock starts when the handler
 * starts, after the body has been read ({@link RequestGate}), so a slow upload does not count.
 * An answer that fails with an exception is not held back.
 */
final class AnswerFloor {
    /**
     * The public forms' floor: several times what the slowest case (a new address: render, sign
     * and store a confirmation mail) takes on a quiet small server (about 13 ms), yet unnoticeable
     * for a person submitting a form.
     */
    static final Duration FORMS = Duration.ofMillis(50);

    private final long floorNanos;

    AnswerFloor(Duration floor) {
        this.floorNanos = floor.toNanos();
    }

    /** {@code handler}, its answer released no earlier than the floor after it began. */
    Handler around(Handler handler) {
        return ctx -> {
            long start = System.nanoTime();
            handler.handle(ctx);
            long rest = floorNanos - (System.nanoTime() - start);
            if (rest > 0) {
                // called by Javalin once the request is asynchronous; the completion (and with it the
                // writing of the answer) runs on the server's pool, not on the JDK's timer thread
                ctx.future(() -> CompletableFuture.runAsync(() -> { }, CompletableFuture.delayedExecutor(
                        rest, TimeUnit.NANOSECONDS, ctx.req().getAsyncContext()::start)));
            }
        };
    }
}
