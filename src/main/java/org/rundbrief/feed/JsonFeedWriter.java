package org.rundbrief.feed;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import org.rundbrief.article.Article;

/**
 * JSON Feed 1.1 (https://jsonfeed.org/version/1.1). Dates are RFC 3339 in the site's zone.
 * Archive documents use {@code next_url} to point at the next-older month, JSON Feed's own way
 * to page backwards.
 */
final class JsonFeedWriter {
    static final String VERSION = "https://jsonfeed.org/version/1.1";
    private static final ObjectMapper JSON = new ObjectMapper();

    private JsonFeedWriter() {}

    static byte[] write(FeedDocument doc) {
        ObjectNode feed = JSON.createObjectNode();
        feed.put("version", VERSION);
        feed.put("title", doc.title());
        feed.put("home_page_url", doc.alternateUrl());
        feed.put("feed_url", doc.selfUrl());
        doc.hub().ifPresent(hub -> feed.putArray("hubs").addObject().put("type", "WebSub").put("url", hub));
        feed.put("description", doc.description());
        feed.put("language", doc.site().language());
        doc.prevArchive().ifPresent(m -> feed.put("next_url", doc.archiveUrl(m)));
        feed.putArray("authors").addObject().put("name", doc.site().title());
        ArrayNode items = feed.putArray("items");
        for (Article a : doc.items()) {
            item(doc, a, items.addObject());
        }
        try {
            return JSON.writeValueAsBytes(feed);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("feed: cannot write JSON feed: " + e.getMessage(), e);
        }
    }

    private static void item(FeedDocument doc, Article a, ObjectNode item) {
        item.put("id", doc.entryId(a));
        item.put("url", doc.site().articleUrl(a.slug()));
        if (notBlank(a.link())) {
            item.put("external_url", a.link());
        }
        item.put("title", a.title());
        // JSON Feed 1.1 requires content_html or content_text on every item.
        if (notBlank(a.contentHtml())) {
            item.put("content_html", a.contentHtml());
        } else {
            item.put("content_text", a.contentText() == null ? "" : a.contentText());
        }
        if (notBlank(a.summary())) {
            item.put("summary", a.summary());
        }
        if (notBlank(a.imageUrl())) {
            item.put("image", a.imageUrl());
        }
        item.put("date_published", date(doc, a.publishedAt()));
        item.put("date_modified", date(doc, a.updatedAt()));
        if (notBlank(a.author())) {
            item.putArray("authors").addObject().put("name", a.author());
        }
        if (!a.topics().isEmpty()) {
            ArrayNode tags = item.putArray("tags");
            a.topics().forEach(t -> tags.add(doc.topicLabel(t)));
        }
        if (notBlank(a.language())) {
            item.put("language", a.language());
        }
    }

    private static String date(FeedDocument doc, Instant at) {
        return DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(at.atZone(doc.site().zone()));
    }

    private static boolean notBlank(String s) {
        return s != null && !s.isBlank();
    }
}
