package org.rundbrief.collect;

import java.util.ArrayList;
import java.util.List;
import org.rundbrief.article.ArticleStore;
import org.rundbrief.article.SourceNote;

/** A place articles come from (feed, html page, directory). One fetch per collect run. */
interface ArticleSource {
    /** Items per chunk handed to an {@link ItemSink}: what one cleaning task works on. */
    int CHUNK = 128;

    /** Fetches the current items, conditionally when {@code previous} holds validators. */
    SourceBatch fetch(ArticleStore.SourceState previous) throws CollectException;

    /**
     * What one fetch delivered; {@code notModified} means the server answered 304 and there are no
     * items. The items are read when {@link Items#deliver} runs, a chunk at a time, so that a large
     * feed is never in memory whole.
     */
    record SourceBatch(Items items, boolean notModified, ArticleStore.SourceState state) {
        static SourceBatch of(Items items, ArticleStore.SourceState state) {
            return new SourceBatch(items, false, state);
        }

        static SourceBatch unchanged(ArticleStore.SourceState state) {
            return new SourceBatch(sink -> { }, true, state);
        }
    }

    /** The items of one fetch, read on demand. */
    @FunctionalInterface
    interface Items {
        /**
         * Hands every item to {@code sink} in source order, in chunks of at most {@link #CHUNK}.
         * @throws CollectException when the source turns out broken part way (nothing of it may be kept)
         */
        void deliver(ItemSink sink) throws CollectException;

        /** Items already read (a list page's articles), with the reasons for those left out. */
        static Items of(List<CollectedItem> items, List<String> problems) {
            return sink -> {
                problems.forEach(sink::skipped);
                Chunker chunker = new Chunker(sink);
                items.forEach(chunker::add);
                chunker.flush();
            };
        }
    }

    /** Receives what a source delivers. */
    interface ItemSink {
        /** The next items, in source order. */
        void items(List<CollectedItem> chunk);

        /** An item the source had to leave out, with the reason in one line. */
        void skipped(String problem);

        /** An item the source knows to be unchanged since the last fetch (its page answered 304). */
        void unchanged(String guid);

        /** The validators of the page an item came from, to be remembered once the item is stored. */
        void pageValidators(String guid, ArticleStore.SourceState validators);

        /** Something about the source as a whole the admin should fix (a selector that matches nothing). */
        default void warning(SourceNote warning) {}
    }

    /** Collects items into chunks of {@link #CHUNK} for a sink, for sources that read one item at a time. */
    final class Chunker {
        private final ItemSink sink;
        private List<CollectedItem> chunk = new ArrayList<>(CHUNK);

        Chunker(ItemSink sink) {
            this.sink = sink;
        }

        void add(CollectedItem item) {
            chunk.add(item);
            if (chunk.size() == CHUNK) {
                flush();
            }
        }

        void flush() {
            if (!chunk.isEmpty()) {
                sink.items(chunk);
                chunk = new ArrayList<>(CHUNK);
            }
        }
    }
}
