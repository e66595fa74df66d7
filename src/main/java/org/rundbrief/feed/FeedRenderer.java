package org.rundbrief.feed;

/** Turns a {@link FeedDocument} into the bytes of its format. Stateless and thread-safe. */
final class FeedRenderer {
    private FeedRenderer() {}

    static byte[] render(FeedDocument doc) {
        return switch (doc.view().format()) {
            case RSS -> RssWriter.write(doc);
            case ATOM -> AtomWriter.write(doc);
            case JSON -> JsonFeedWriter.write(doc);
        };
    }
}
