package org.rundbrief.admin;

import java.time.Clock;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.UUID;
import org.rundbrief.article.Article;
import org.rundbrief.article.ArticleDraft;
import org.rundbrief.article.MediaFiles;
import org.rundbrief.article.ArticleStore;
import org.rundbrief.collect.CollectedItem;
import org.rundbrief.collect.Collector;

/**
 * Posts written by hand: create, edit, delete, each audited. They are stored through
 * {@link Collector#addManual(CollectedItem, List)}, so they are cleaned like every collected item;
 * collected articles cannot be edited here (the next collect would overwrite the edit), but any
 * article can be hidden from new editions, the feeds and the archive, and shown again.
 */
public final class ArticleActions {
    private final Collector collector;
    private final ArticleStore articles;
    private final AdminStore store;
    private final AuditLog audit;
    private final MediaFiles media;
    private final String siteBase;
    private final Clock clock;

    public ArticleActions(Collector collector, ArticleStore articles, AdminStore store, AuditLog audit, MediaFiles media,
                          String siteBase, Clock clock) {
        this.media = media;
        this.clock = clock;
        this.collector = collector;
        this.articles = articles;
        this.store = store;
        this.audit = audit;
        this.siteBase = siteBase;
    }

    public Article create(AuditLog.Actor who, ManualPost post) {
        Article a = save(null, "admin-" + UUID.randomUUID(), post);
        audit.record(who, "article.create", "article:" + a.id(), a.title());
        return a;
    }

    /**
     * Saves an edit made on {@code revision} of the post ({@link Article#revision}; null: on whatever
     * is stored now). IllegalStateException for a collected article; {@link ChangedMeanwhile} when
     * somebody saved the post since that revision (two volunteers editing one post: the second save
     * would silently undo the first); {@link AlreadyPublic} for a public post given a publish time
     * still to come (it cannot go out as new a second time). Nothing is stored then.
     */
    public Article update(AuditLog.Actor who, long id, ManualPost post, String revision) {
        Optional<Article> a = articles.inTransaction(() -> {
            articles.lock(); // no other save lands between the comparison and this one
            Article existing = articles.byId(id).orElseThrow(() -> new NoSuchElementException("no article " + id));
            if (!Collector.MANUAL.equals(existing.sourceKey())) {
                throw new IllegalStateException("article " + id + " comes from " + existing.sourceKey()
                        + "; only manual articles can be edited (the next collect would overwrite it)");
            }
            return revision == null || revision.equals(existing.revision())
                    ? Optional.of(save(existing, existing.guid(), post)) : Optional.<Article>empty();
        });
        if (a.isEmpty()) { // who saved it is looked up after the articles lock is given back
            Article now = articles.byId(id).orElseThrow(() -> new NoSuchElementException("no article " + id));
            throw new ChangedMeanwhile("article " + id, now.revision(), audit.latestOf("article:" + id));
        }
        audit.record(who, "article.update", "article:" + id, null);
        return a.get();
    }

    /** A post that has been public was given a publish time still to come. */
    public static final class AlreadyPublic extends IllegalStateException {
        AlreadyPublic(long id) {
            super("article " + id + " is public already; it cannot be scheduled again (publishedAt must not lie ahead)");
        }
    }

    public void delete(AuditLog.Actor who, long id) {
        if (!store.deleteManualArticle(id, Collector.MANUAL)) {
            throw new NoSuchElementException("no manual article " + id);
        }
        audit.record(who, "article.delete", "article:" + id, null);
    }

    /**
     * Hides an article (collected or written here) from new editions, the feeds and the archive, or
     * shows it again; an edition already planned keeps it. Audited as article.hide or article.show.
     */
    public void setHidden(AuditLog.Actor who, long id, boolean hidden) {
        if (!articles.setHidden(id, hidden)) {
            throw new NoSuchElementException("no article " + id);
        }
        audit.record(who, hidden ? "article.hide" : "article.show", "article:" + id, null);
    }

    /** Stores an uploaded image for posts (checked and scaled by {@link MediaFiles}); its name under /media/. */
    public String uploadImage(AuditLog.Actor who, byte[] image) {
        String name = media.store(image);
        audit.record(who, "media.upload", "media:" + name, null);
        return name;
    }

    /** The post as it would be stored (cleaned like a collected item), for the editor's preview; nothing is stored. */
    public ArticleDraft preview(ManualPost post) {
        return collector.preview(item("preview", post), post.topics());
    }

    private CollectedItem item(String guid, ManualPost p) {
        return new CollectedItem(guid, p.link(), p.title(), p.author(), p.summary(), p.html(), null,
                p.language(), List.of(), p.publishedAt(), siteBase + "/");
    }

    /**
     * Stores the post and its state in one transaction: no edition or feed sees a draft or a
     * scheduled post for a moment. A post that has never been public (new, a draft, scheduled) stays
     * hidden until it goes public: now (published without a time, or with one that has passed: it
     * carries that date but counts as new now) or at its publish time, when {@link ScheduledPosts}
     * makes it public. A post that has been public stays so (or is a draft again): never new twice.
     */
    private Article save(Article existing, String guid, ManualPost p) {
        return articles.inTransaction(() -> {
            collector.addManual(item(guid, p), p.topics()); // takes the articles lock, so "now" below is ordered with editions
            long id = store.articleId(Collector.MANUAL, guid).orElseThrow();
            boolean later = !p.draft() && p.publishedAt() != null && p.publishedAt().isAfter(clock.instant());
            if (existing != null && !existing.unpublished()) {
                if (later) {
                    throw new AlreadyPublic(id);
                }
                articles.setPostState(id, p.markdown(), p.draft(), false, null);
            } else {
                articles.setPostState(id, p.markdown(), true, true, later ? p.publishedAt() : null);
                if (!p.draft() && !later) {
                    articles.goPublic(id);
                }
            }
            return articles.byId(id).orElseThrow();
        });
    }
}
