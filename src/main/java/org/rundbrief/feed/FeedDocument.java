package org.rundbrief.feed;

import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Optional;
import org.rundbrief.article.Article;

/**
 * Everything one feed document shows, independent of its format: the writers turn it into bytes.
 * {@code updated} is the newest change among the items (not the render time), so the same
 * articles always give the same bytes and therefore the same ETag, on every node and restart.
 */
record FeedDocument(FeedSite site, FeedView view, String title, String description, List<Article> items,
                    Instant updated, Optional<YearMonth> prevArchive, Optional<YearMonth> nextArchive) {

    private static final DateTimeFormatter TAG_DATE = DateTimeFormatter.ISO_LOCAL_DATE.withZone(ZoneOffset.UTC);

    String selfUrl() {
        return site.base() + view.path();
    }

    String alternateUrl() {
        return site.base() + view.htmlPath();
    }

    /** RFC 5005: archive documents point back at the subscription document ("current"). */
    String currentUrl() {
        return site.base() + view.subscription().path();
    }

    String archiveUrl(YearMonth month) {
        return site.base() + view.archiveOf(month).path();
    }

    boolean isArchive() {
        return view.archive().isPresent();
    }

    /** WebSub 4: a subscription document names its hub (archives never change, so they have none). */
    Optional<String> hub() {
        return isArchive() ? Optional.empty() : site.hub();
    }

    /**
     * One id for the logical feed, shared by all its formats and archive documents (RFC 5005
     * 4.2 groups documents by it): the URL of its Atom subscription document.
     */
    String feedId() {
        return site.base() + view.withFormat(FeedFormat.ATOM).subscription().path();
    }

    /**
     * RFC 4151 tag URI: our host, the day the article was first collected (never changes) and
     * its database id. Stable across edits, title changes and slug changes.
     */
    String entryId(Article a) {
        return "tag:" + site.host() + "," + TAG_DATE.format(a.collectedAt()) + ":article-" + a.id();
    }

    String topicLabel(String topic) {
        return site.topic(topic).map(t -> t.label(site.language())).orElse(topic);
    }

    /** Guesses the media type of an image URL by its extension; enclosures must name one. */
    static String imageType(String url) {
        String path = url.toLowerCase(java.util.Locale.ROOT).replaceAll("[?#].*$", "");
        if (path.endsWith(".png")) {
            return "image/png";
        } else if (path.endsWith(".gif")) {
            return "image/gif";
        } else if (path.endsWith(".webp")) {
            return "image/webp";
        } else if (path.endsWith(".svg")) {
            return "image/svg+xml";
        } else if (path.endsWith(".avif")) {
            return "image/avif";
        }
        return "image/jpeg";
    }
}
