package org.rundbrief.article;

import java.time.Instant;
import java.util.List;
import org.rundbrief.store.Revision;

/**
 * A stored article. {@code contentHtml} is sanitized (allow-list) at collection time and safe to
 * embed; {@code contentText} is its plain-text form for text mail. {@code collectedAt} is when
 * rundbrief first saw the article and never changes. {@code undated}: a feed or html source gave
 * no readable date, so {@code publishedAt} is only the collection time; such an article is shown
 * but never sent as new in a digest (it may be old news). {@code hidden}: an editor took it out of
 * editions, feeds and the archive (the public queries leave it out). For posts written on the admin
 * pages: {@code markdown} is what the author wrote (null for collected articles and posts sent as
 * HTML); {@code unpublished} marks one never public yet (a draft or a scheduled post, stored hidden),
 * whose {@code collectedAt} is set when it first goes public; {@code publishAt} is when a scheduled
 * post goes public by itself (null: not scheduled).
 */
public record Article(long id, String sourceKey, String guid, String slug, String title, String link,
                      String author, String summary, String contentHtml, String contentText, String imageUrl,
                      String language, List<String> topics, Instant publishedAt, Instant collectedAt,
                      Instant updatedAt, boolean undated, boolean hidden, String markdown, boolean unpublished,
                      Instant publishAt) {

    /** Not public yet, but going public by itself at {@link #publishAt}. */
    public boolean scheduled() {
        return publishAt != null;
    }

    /**
     * A fingerprint of everything the post editor shows and saves: an edit made on an older revision
     * would undo what somebody else saved meanwhile. A save that changed nothing keeps it.
     */
    public String revision() {
        return Revision.of(title, link, author, summary, markdown, contentHtml, topics, language, publishedAt, publishAt,
                hidden, unpublished);
    }
}
