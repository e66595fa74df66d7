package org.rundbrief.delivery;

import java.time.Duration;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The rows handed to the senders whose outcome is still open. Each row holds a {@link Ticket}
 * from the reader's hand-over until its outcome is recorded (or it is not sent after all); a new
 * pass over the edition waits until none is open, because a row that failed may be due again at once.
 */
final class InFlight {
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition none = lock.newCondition();
    private int open;

    /** One row handed over. */
    Ticket open() {
        lock.lock();
        try {
            open++;
            return new Ticket();
        } finally {
            lock.unlock();
        }
    }

    /** How many rows are in flight. */
    int count() {
        lock.lock();
        try {
            return open;
        } finally {
            lock.unlock();
        }
    }

    /** Waits until no row is in flight, at most {@code timeout}; true when none is. */
    boolean awaitNone(Duration timeout) throws InterruptedException {
        long left = timeout.toNanos();
        lock.lock();
        try {
            while (open > 0) {
                if (left <= 0) {
                    return false;
                }
                left = none.awaitNanos(left);
            }
            return true;
        } finally {
            lock.unlock();
        }
    }

    /** A row's time in flight; closing it again does nothing. */
    final class Ticket implements AutoCloseable {
        private boolean closed;

        @Override
        public void close() {
            lock.lock();
            try {
                if (!closed) {
                    closed = true;
                    if (--open == 0) {
                        none.signalAll();
                    }
                }
            } finally {
                lock.unlock();
            }
        }
    }
}
