package org.rundbrief.cli;

import java.io.PrintWriter;
import java.time.Duration;

/**
 * A one-line progress bar on stderr: {@code [#####.....]  52%  5,200/10,000  840/s  ETA 0:06}.
 * Redraws in place with CR when stderr is a terminal, otherwise prints a line every 10 %.
 */
public final class ProgressBar {
    private static final int WIDTH = 30;
    private final PrintWriter err;
    private final String label;
    private final long startNanos = System.nanoTime();
    private final boolean terminal = System.console() != null;
    private int lastDecile = -1;

    public ProgressBar(PrintWriter err, String label) {
        this.err = err;
        this.label = label;
    }

    /** {@code extra} is appended as is (e.g. "failed 2"). */
    public void update(long done, long total, String extra) {
        double seconds = Math.max(0.001, (System.nanoTime() - startNanos) / 1e9);
        double rate = done / seconds;
        int percent = total <= 0 ? 100 : (int) Math.min(100, done * 100 / total);
        int filled = percent * WIDTH / 100;
        String eta = rate > 0 && total > done ? format(Duration.ofSeconds((long) ((total - done) / rate))) : "0:00";
        String line = String.format("%s [%s%s] %3d%%  %,d/%,d  %,.0f/s  ETA %s%s", label, "#".repeat(filled),
                ".".repeat(WIDTH - filled), percent, done, total, rate, eta, extra.isEmpty() ? "" : "  " + extra);
        if (terminal) {
            err.print("\r" + line);
            err.flush();
        } else if (percent / 10 != lastDecile) {
            lastDecile = percent / 10;
            err.println(line);
        }
    }

    /**
     * Draws the bar as the work ended (the true counts, not the last tick's or an estimate) and
     * ends its line; drawn even when a line at the same percentage was drawn already.
     */
    public void complete(long done, long total, String extra) {
        lastDecile = -1;
        update(done, total, extra);
        finish();
    }

    public void finish() {
        if (terminal) {
            err.println();
        }
    }

    private static String format(Duration d) {
        long s = d.getSeconds();
        return s >= 3600 ? String.format("%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60) : String.format("%d:%02d", s / 60, s % 60);
    }
}
