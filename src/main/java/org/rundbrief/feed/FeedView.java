package org.rundbrief.feed;

import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One feed document: a format, optionally one topic, and either the subscription document
 * (the newest articles) or one RFC 5005 archive document (the articles published in one month,
 * in the site's time zone). Also the key of its cached variant.
 */
public record FeedView(FeedFormat format, Optional<String> topic, Optional<YearMonth> archive) {
    private static final Pattern PATH =
            Pattern.compile("(?:/topics/([^/]+))?(?:/archive/([0-9]{4}-[0-9]{2}))?/feed\\.(rss|atom|json)");

    /**
     * The view a decoded request path names ({@link #path()} read backwards); empty when the path is
     * no feed URL or its month is impossible. Whether the topic exists is {@link FeedService}'s call.
     */
    public static Optional<FeedView> parse(String path) {
        Matcher m = PATH.matcher(path);
        if (!m.matches()) {
            return Optional.empty();
        }
        try {
            return Optional.of(new FeedView(FeedFormat.byName(m.group(3)).orElseThrow(), Optional.ofNullable(m.group(1)),
                    Optional.ofNullable(m.group(2)).map(YearMonth::parse)));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

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
