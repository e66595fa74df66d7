package org.rundbrief.feed;

import java.time.YearMonth;
import java.util.Optional;

/**
 * One feed document: a format, optionally one topic, and either the subscription document
 * (the newest articles) or one RFC 5005 archive document (the articles published in one month,
 * in the site's time zone). Also the key of {@link FeedCache}.
 */
public record FeedView(FeedFormat format, Optional<String> topic, Optional<YearMonth> archive) {

    public static FeedView current(FeedFormat format, Optional<String> topic) {
        return new FeedView(format, topic, Optional.empty());
    }

    public FeedView withFormat(FeedFormat other) {
        return new FeedView(other, topic, archive);
    }

    public FeedView subscription() {
        return new FeedView(format, topic, Optional.empty());
    }

    public FeedView archiveOf(YearMonth month) {
        return new FeedView(format, topic, Optional.of(month));
    }

    /** Path below the base URL: /feed.atom, /topics/t/feed.atom, /archive/2026-05/feed.atom, ... */
    public String path() {
        String prefix = topic.map(t -> "/topics/" + t).orElse("");
        String month = archive.map(m -> "/archive/" + m).orElse("");
        return prefix + month + "/feed." + format.extension();
    }

    /** The HTML page this feed mirrors: the archive index or the topic page. */
    public String htmlPath() {
        return topic.map(t -> "/topics/" + t).orElse("/");
    }
}
