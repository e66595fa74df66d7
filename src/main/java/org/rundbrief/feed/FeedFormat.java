package org.rundbrief.feed;

import java.util.Arrays;
import java.util.Optional;

/** The three feed formats, with the file extension used in URLs and the media type served. */
public enum FeedFormat {
    RSS("rss", "application/rss+xml; charset=utf-8"),
    ATOM("atom", "application/atom+xml; charset=utf-8"),
    // JSON Feed 1.1 registers application/feed+json.
    JSON("json", "application/feed+json; charset=utf-8");

    private final String extension;
    private final String contentType;

    FeedFormat(String extension, String contentType) {
        this.extension = extension;
        this.contentType = contentType;
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
