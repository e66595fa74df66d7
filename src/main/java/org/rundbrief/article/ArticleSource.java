package org.rundbrief.article;

/** A place articles come from (feed, html page, directory). One fetch per collect run. */
interface ArticleSource {
    /** Fetches the current items, conditionally when {@code previous} holds validators. */
    SourceBatch fetch(ArticleStore.SourceState previous) throws CollectException;

    /**
     * What one fetch delivered; {@code notModified} means the server answered 304 and there are no
     * items. {@code problems} names the items the source had to leave out, one line each.
     */
    record SourceBatch(java.util.List<CollectedItem> items, boolean notModified, ArticleStore.SourceState state,
                       java.util.List<String> problems) {
        static SourceBatch of(java.util.List<CollectedItem> items, ArticleStore.SourceState state) {
            return new SourceBatch(items, false, state, java.util.List.of());
        }

        static SourceBatch unchanged(ArticleStore.SourceState state) {
            return new SourceBatch(java.util.List.of(), true, state, java.util.List.of());
        }
    }
}
