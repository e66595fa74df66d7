package org.rundbrief.collect;

import java.util.List;

/**
 * What one collect run did, per source and in total. {@code notCollected} counts the sources a
 * stop left out (0 when the run went through).
 */
public record CollectReport(List<SourceResult> sources, int notCollected) {

    /**
     * One source's outcome. {@code error} is null when the source was collected; {@code skipped}
     * names items left out (duplicate guid, unreadable file, no title) — the rest was stored;
     * {@code warnings} say what the admin should fix although the source was collected (a selector
     * that matched nothing).
     */
    public record SourceResult(String sourceKey, int newCount, int updatedCount, int unchangedCount,
                               List<String> skipped, String error, List<String> warnings) {
        public SourceResult(String sourceKey, int newCount, int updatedCount, int unchangedCount,
                            List<String> skipped, String error) {
            this(sourceKey, newCount, updatedCount, unchangedCount, skipped, error, List.of());
        }

        public boolean failed() {
            return error != null;
        }

        /** One line for people: {@code feed:https://… new 3, updated 0, unchanged 5} or {@code … FAILED: reason}. */
        public String line() {
            if (failed()) {
                return sourceKey + " FAILED: " + error;
            }
            String line = sourceKey + " new " + newCount + ", updated " + updatedCount + ", unchanged " + unchangedCount;
            return skipped.isEmpty() ? line : line + ", skipped " + skipped.size() + " (" + String.join("; ", skipped) + ")";
        }
    }

    public int totalNew() {
        return sources.stream().mapToInt(SourceResult::newCount).sum();
    }

    public int totalUpdated() {
        return sources.stream().mapToInt(SourceResult::updatedCount).sum();
    }

    public int totalUnchanged() {
        return sources.stream().mapToInt(SourceResult::unchangedCount).sum();
    }

    /** One line for the end of a run: {@code 5 sources: 1 collected, 4 failed; 3 new articles}. */
    public String summary() {
        int failed = failedSources();
        long warned = sources.stream().filter(s -> !s.warnings().isEmpty()).count();
        int all = sources.size() + notCollected;
        return all + (all == 1 ? " source: " : " sources: ") + (sources.size() - failed)
                + " collected, " + failed + " failed" + (warned == 0 ? "" : ", " + warned + " with warnings")
                + (notCollected == 0 ? "" : ", " + notCollected + " not collected (stopped)")
                + "; " + totalNew() + " new " + (totalNew() == 1 ? "article" : "articles");
    }

    public int failedSources() {
        return (int) sources.stream().filter(SourceResult::failed).count();
    }

    public boolean foundNew() {
        return totalNew() > 0;
    }

    public boolean stopped() {
        return notCollected > 0;
    }

    /** True when there were sources and none of them could be collected. */
    public boolean allFailed() {
        return !sources.isEmpty() && failedSources() == sources.size();
    }
}
