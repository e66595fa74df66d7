package org.rundbrief.smtp;

import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;

/**
 * A plain TCP socket whose writes cannot block forever: each write notes when it started, and the
 * shared {@link WriteWatchdog} closes the socket once a write has been blocked longer than the
 * timeout (a server that stops reading fills the send buffer, and a socket write has no timeout
 * of its own). Closing unblocks the write, which then fails with a {@link SocketTimeoutException}.
 * A TLS socket layered on this one (smtps, STARTTLS) writes its records through this socket's
 * output stream, so it is watched too.
 *
 * <p>This replaced Jakarta Mail's {@code mail.smtp.writetimeout} (before {@link SmtpClient}), which
 * wraps each socket in a {@code WriteTimeoutSocket} that schedules and cancels a task on its own
 * thread for every write: a thread hand-off per write and two threads busy per sending connection
 * (issue 5).
 */
final class WatchedSocket extends Socket {
    private final long timeoutNanos;
    private final WriteWatchdog watchdog;
    /** {@code System.nanoTime()} when the write under way started; 0 while none is. */
    private volatile long writingSince;
    private volatile boolean timedOut;
    private OutputStream out;

    WatchedSocket(java.time.Duration timeout, WriteWatchdog watchdog) {
        this.timeoutNanos = timeout.toNanos();
        this.watchdog = watchdog;
    }

    @Override
    public synchronized OutputStream getOutputStream() throws IOException {
        if (out == null) {
            out = new Watched(super.getOutputStream());
            watchdog.watch(this);
        }
        return out;
    }

    @Override
    public void close() throws IOException {
        watchdog.forget(this);
        super.close();
    }

    /** For the watchdog: closes the socket if a write has been blocked too long; true when closed. */
    boolean closeIfStuck(long now) {
        long since = writingSince;
        if (since == 0 || now - since <= timeoutNanos) {
            return false;
        }
        timedOut = true;
        try {
            super.close();
        } catch (IOException ignored) {
            // closing is all we can do; the blocked write fails either way
        }
        return true;
    }

    private final class Watched extends OutputStream {
        private final OutputStream socket;

        Watched(OutputStream socket) {
            this.socket = socket;
        }

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            writingSince = System.nanoTime();
            try {
                socket.write(b, off, len);
            } catch (IOException e) {
                if (timedOut) {
                    SocketTimeoutException t = new SocketTimeoutException(
                            "Write timed out after " + timeoutNanos / 1_000_000 + " ms: the server stopped reading");
                    t.addSuppressed(e);
                    throw t;
                }
                throw e;
            } finally {
                writingSince = 0;
            }
        }

        @Override
        public void flush() throws IOException {
            socket.flush();
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }
}
