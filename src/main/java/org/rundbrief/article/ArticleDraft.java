package org.rundbrief.article;

import java.time.Instant;
import java.util.List;

/**
 * A cleaned article ready to store: sanitized HTML, plain text, summary, mapped topics.
 * {@code publishedAt} is null when the source gave no usable date (the store then keeps the
 * stored date, or uses the collection time for a new article). {@code contentHash} covers every
 * field a reader sees, so an unchanged upstream item writes nothing.
 */
public record ArticleDraft(String guid, String title, String link, String author, String summary,
                           String contentHtml, String contentText, String imageUrl, String language,
                           List<String> topics, Instant publishedAt, String contentHash) {}
