package org.rundbrief.cli;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * Ctrl-C, SIGTERM (systemd's stop) and SIGHUP as a request to wind down: the command stops in its
 * own order (senders after the message in hand, sent marks written, leases given back, the
 * database closed) and then exits as it ends. The JVM's own handling of these signals ran every
 * shutdown hook at once, H2's among them, which closed the database under senders still writing
 * their marks (one stop printed hundreds of lines of "Database is already closed"). A second
 * signal while winding down exits at once. Closing puts the previous handlers back.
 */
final class StopSignals implements AutoCloseable {
    private static final List<String> NAMES = List.of("INT", "TERM", "HUP");
    private final Map<Signal, SignalHandler> previous = new LinkedHashMap<>();

    private StopSignals() {}

    /** Runs {@code windDown} on the first of the signals, in the signal's own thread. */
    static StopSignals onStop(Runnable windDown) {
        StopSignals signals = new StopSignals();
        AtomicBoolean stopping = new AtomicBoolean();
        SignalHandler handler = signal -> {
            if (stopping.compareAndSet(false, true)) {
                windDown.run();
            } else {
                System.exit(128 + signal.getNumber()); // asked twice: now, as the shell's convention says
            }
        };
        for (String name : NAMES) {
            try {
                Signal signal = new Signal(name);
                signals.previous.put(signal, Signal.handle(signal, handler));
            } catch (IllegalArgumentException e) {
                // ignored by the process (nohup ignores HUP) or unknown here: left as it is
            }
        }
        return signals;
    }

    @Override
    public void close() {
        previous.forEach(Signal::handle);
    }
}
