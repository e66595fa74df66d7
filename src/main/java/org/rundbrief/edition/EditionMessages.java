package org.rundbrief.edition;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.rundbrief.article.Article;
import org.rundbrief.delivery.MessageSource;
import org.rundbrief.delivery.OutgoingMail;
import org.rundbrief.subscriber.Subscriber;

/**
 * Renders the message of one queued delivery: the edition's frozen articles are loaded once per
 * edition; per subscriber only the ids of their new articles are asked from the database. Digests
 * are rendered once per shape and filled in per subscriber ({@link DigestShapes}).
 */
public final class EditionMessages implements MessageSource {
    private static final int CACHED_EDITIONS = 4;

    private final EditionStore store;
    private final ArticlesById articles;
    private final Recipients recipients;
    private final DigestShapes shapes;
    private final Map<Long, Frozen> editions = new ConcurrentHashMap<>();

    private record Frozen(Edition edition, Map<Long, Article> articles) {}

    public EditionMessages(EditionStore store, ArticlesById articles, Recipients recipients, DigestRenderer renderer) {
        this.store = store;
        this.articles = articles;
        this.recipients = recipients;
        this.shapes = new DigestShapes(renderer);
    }

    @Override
    public Optional<OutgoingMail> render(long editionId, long subscriberId, Instant since) {
        Optional<Subscriber> subscriber = recipients.active(subscriberId);
        if (subscriber.isEmpty()) {
            return Optional.empty();
        }
        Frozen frozen = frozen(editionId);
        List<Article> theirs = store.articleIdsFor(editionId, since, subscriberId).stream()
                .map(frozen.articles()::get).toList();
        if (theirs.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(shapes.render(frozen.edition(), subscriber.get(), theirs, recipients));
    }

    private Frozen frozen(long editionId) {
        if (editions.size() >= CACHED_EDITIONS && !editions.containsKey(editionId)) {
            editions.clear();
        }
        return editions.computeIfAbsent(editionId, id -> {
            Edition edition = store.byId(id).orElseThrow(() -> new IllegalStateException("edition " + id + " is gone"));
            Map<Long, Article> byId = articles.byIds(store.articleIds(id)).stream()
                    .collect(Collectors.toMap(Article::id, Function.identity()));
            return new Frozen(edition, byId);
        });
    }
}
