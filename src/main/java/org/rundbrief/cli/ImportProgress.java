package org.rundbrief.cli;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;

/**
 * Progress of a long import on the shared {@link ProgressBar}: the file's bytes read tell how far
 * along it is (so the row total is estimated), redrawn at most once per percent. Files under 1 MB
 * import too fast to need one.
 */
final class ImportProgress {
    private final ProgressBar bar;
    private final long totalBytes;
    private volatile long bytesRead; // counted by the import's reading thread, read by the storing one
    private int lastPercent = -1;
    private boolean drawn;

    ImportProgress(PrintWriter err, long totalBytes) {
        this.bar = new ProgressBar(err, "importing");
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
        int percent = (int) Math.min(100, bytesRead * 100 / totalBytes);
        if (totalBytes < (1 << 20) || percent == lastPercent) {
            return;
        }
        lastPercent = percent;
        long estimatedRows = bytesRead == 0 ? rows : Math.max(rows, rows * totalBytes / bytesRead);
        bar.update(rows, estimatedRows, "");
        drawn = true;
    }

    /**
     * Draws the finished import with its true row count (the reading runs ahead of the storing, so
     * the last estimate fell short of it) and ends the bar's line.
     */
    void done(long rows) {
        if (drawn) {
            bar.complete(rows, rows, "");
            drawn = false;
        }
    }

    /** Ends the bar's line before other output. */
    void clear() {
        if (drawn) {
            bar.finish();
            drawn = false;
        }
    }
}
