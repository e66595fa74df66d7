package org.rundbrief.cli;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;

/**
 * A one-line progress bar on stderr for long imports: percentage of the file's bytes read, rows,
 * and rows per second. Redrawn at most once per percent (and at least every 10,000 rows' chunk
 * boundary), so it costs nothing measurable. Files under 1 MB import too fast to need one.
 */
final class ImportProgress {
    private static final int WIDTH = 30;
    private final PrintWriter err;
    private final long totalBytes;
    private final long startNanos = System.nanoTime();
    private long bytesRead;
    private int lastPercent = -1;
    private long lastRows;
    private boolean drawn;

    ImportProgress(PrintWriter err, long totalBytes) {
        this.err = err;
        this.totalBytes = Math.max(1, totalBytes);
    }

    InputStream counting(InputStream in) {
        return new FilterInputStream(in) {
            @Override
            public int read() throws IOException {
                int b = super.read();
                if (b >= 0) {
                    bytesRead++;
                }
                return b;
            }

            @Override
            public int read(byte[] buf, int off, int len) throws IOException {
                int n = super.read(buf, off, len);
                if (n > 0) {
                    bytesRead += n;
                }
                return n;
            }
        };
    }

    void update(long rows) {
        if (totalBytes < (1 << 20)) {
            return;
        }
        int percent = (int) Math.min(100, bytesRead * 100 / totalBytes);
        if (percent == lastPercent && rows - lastRows < 10_000) {
            return;
        }
        lastPercent = percent;
        lastRows = rows;
        double seconds = Math.max(1e-3, (System.nanoTime() - startNanos) / 1e9);
        int filled = percent * WIDTH / 100;
        err.printf("\r[%s%s] %3d%%  %,d rows  %,.0f rows/s", "#".repeat(filled), " ".repeat(WIDTH - filled),
                percent, rows, rows / seconds);
        err.flush();
        drawn = true;
    }

    /** Ends the bar's line before other output. */
    void clear() {
        if (drawn) {
            err.println();
            drawn = false;
        }
    }
}
