package org.rundbrief.feed;

import java.util.Arrays;
import java.util.Optional;

/** The three feed formats, with the file extension used in URLs and the media type served. */
public enum FeedFormat {
    RSS("rss", "RSS", "application/rss+xml; charset=utf-8"),
    ATOM("atom", "Atom", "application/atom+xml; charset=utf-8"),
    // JSON Feed 1.1 registers application/feed+json.
    JSON("json", "JSON Feed", "application/feed+json; charset=utf-8");

    private final String extension;
    private final String label;
    private final String contentType;

    FeedFormat(String extension, String label, String contentType) {
        this.extension = extension;
        this.label = label;
        this.contentType = contentType;
    }

    /** The name people know the format by, for link titles. */
    public String label() {
        return label;
    }

    public String extension() {
        return extension;
    }

    public String contentType() {
        return contentType;
    }

    /** The media type without parameters, for {@code <link rel="alternate" type=...>}. */
    public String mediaType() {
        return contentType.substring(0, contentType.indexOf(';'));
    }

    /** Parses a user-given name (CLI {@code --format}, URL extension); case-insensitive. */
    public static Optional<FeedFormat> byName(String name) {
        return Arrays.stream(values()).filter(f -> f.extension.equalsIgnoreCase(name)).findFirst();
    }
}
