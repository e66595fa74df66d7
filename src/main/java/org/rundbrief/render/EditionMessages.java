package org.rundbrief.render;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.rundbrief.article.Article;
import org.rundbrief.delivery.MessageSource;
import org.rundbrief.edition.Edition;
import org.rundbrief.edition.EditionStore;
import org.rundbrief.mail.BounceReference;
import org.rundbrief.mail.OutgoingMail;
import org.rundbrief.subscriber.Subscriber;

/**
 * The messages of queued deliveries: the edition's frozen articles are loaded once per edition;
 * for a claimed page, one query finds the ids of every delivery's new articles and one the
 * recipients who still want mail (two queries per page instead of two per message). Digests are
 * rendered once per shape and filled in per subscriber ({@link DigestShapes}); each names its
 * delivery for its bounces ({@link BounceReference}).
 */
public final class EditionMessages implements MessageSource {
    static final int CACHED_EDITIONS = 4;

    private final EditionStore store;
    private final ArticlesById articles;
    private final Recipients recipients;
    private final DigestShapes shapes;
    private final Cache<Long, Frozen> editions = Caffeine.newBuilder().maximumSize(CACHED_EDITIONS).build();

    private record Frozen(Edition edition, Map<Long, Article> articles) {}

    public EditionMessages(EditionStore store, ArticlesById articles, Recipients recipients, DigestRenderer renderer) {
        this.store = store;
        this.articles = articles;
        this.recipients = recipients;
        this.shapes = new DigestShapes(renderer);
    }

    @Override
    public Map<Long, Letter> prepare(long editionId, Collection<Long> deliveryIds) {
        if (deliveryIds.isEmpty()) {
            return Map.of();
        }
        Frozen frozen = frozen(editionId);
        List<EditionStore.NewArticles> digests = store.newArticles(editionId, deliveryIds);
        Map<Long, Subscriber> active = recipients.active(digests.stream().map(EditionStore.NewArticles::subscriberId).toList())
                .stream().collect(Collectors.toMap(Subscriber::id, Function.identity()));
        Map<Long, Letter> letters = new HashMap<>(digests.size() * 2);
        for (EditionStore.NewArticles digest : digests) {
            Subscriber s = active.get(digest.subscriberId());
            if (s != null) {
                List<Article> theirs = digest.articleIds().stream().map(frozen.articles()::get).toList();
                BounceReference bounces = BounceReference.delivery(digest.deliveryId());
                letters.put(digest.deliveryId(),
                        () -> shapes.render(frozen.edition(), s, theirs, recipients).withBounceReference(bounces));
            }
        }
        return letters;
    }

    /**
     * The whole edition (every article it froze) as one stand-in reader gets it, with the links
     * {@code links} gives them: the "test send to me" of the admin side.
     */
    public OutgoingMail sample(long editionId, Subscriber reader, Recipients links) {
        Frozen frozen = frozen(editionId);
        List<Article> all = store.articleIds(editionId).stream().map(frozen.articles()::get)
                .filter(java.util.Objects::nonNull).toList();
        return shapes.render(frozen.edition(), reader, all, links);
    }

    /** Reads the edition afresh next time (its subject or introduction changed). */
    public void forget(long editionId) {
        editions.invalidate(editionId);
        shapes.forget(editionId);
    }

    private Frozen frozen(long editionId) {
        return editions.get(editionId, id -> {
            Edition edition = store.byId(id).orElseThrow(() -> new IllegalStateException("edition " + id + " is gone"));
            Map<Long, Article> byId = articles.byIds(store.articleIds(id)).stream()
                    .collect(Collectors.toMap(Article::id, Function.identity()));
            return new Frozen(edition, byId);
        });
    }

    /** How many editions' article sets are kept (at most {@value #CACHED_EDITIONS}). */
    long editionsKept() {
        editions.cleanUp();
        return editions.estimatedSize();
    }
}
