package org.rundbrief.article;

import java.time.Instant;
import java.util.List;

/**
 * A stored article. {@code contentHtml} is sanitized (allow-list) at collection time and safe to
 * embed; {@code contentText} is its plain-text form for text mail. {@code collectedAt} is when
 * rundbrief first saw the article and never changes. {@code undated}: a feed or html source gave
 * no readable date, so {@code publishedAt} is only the collection time; such an article is shown
 * but never sent as new in a digest (it may be old news). {@code hidden}: an editor took it out of
 * editions, feeds and the archive (the public queries leave it out).
 */
public record Article(long id, String sourceKey, String guid, String slug, String title, String link,
                      String author, String summary, String contentHtml, String contentText, String imageUrl,
                      String language, List<String> topics, Instant publishedAt, Instant collectedAt,
                      Instant updatedAt, boolean undated, boolean hidden) {}
