package org.rundbrief.render;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.rundbrief.article.Article;
import org.rundbrief.delivery.DeliveryStore;
import org.rundbrief.delivery.MessageSource;
import org.rundbrief.edition.Edition;
import org.rundbrief.edition.EditionStore;
import org.rundbrief.mail.BounceReference;
import org.rundbrief.mail.OutgoingMail;
import org.rundbrief.subscriber.Subscriber;

/**
 * The messages of queued deliveries: the edition's frozen articles are loaded once per edition;
 * for a claimed page, one query finds the recipients who still want mail, and each row's new
 * articles follow from its watermark ({@code since}) and the recipient's topics. Only when another
 * topic edition holds one of the edition's articles (it may have been sent there already) does a
 * second query ask the database for every delivery's articles ({@link EditionStore#newArticles}).
 * Digests are rendered once per shape and filled in per subscriber ({@link DigestShapes}); each
 * names its delivery for its bounces ({@link BounceReference}).
 */
public final class EditionMessages implements MessageSource {
    static final int CACHED_EDITIONS = 4;

    private final EditionStore store;
    private final ArticlesById articles;
    private final Recipients recipients;
    private final DigestShapes shapes;
    // Reads counted on the reading thread, as in RenderCache.Shelf: a pool counting them later dropped
    // some, and the busy entry could lose its place to a newcomer.
    private final Cache<Long, Frozen> editions = Caffeine.newBuilder().maximumSize(CACHED_EDITIONS).executor(Runnable::run).build();

    /** An edition and its articles, newest first (the order of a digest). */
    private record Frozen(Edition edition, List<Article> newestFirst) {}

    /** One delivery's digest: who gets it and their new articles, newest first. */
    record Digest(long deliveryId, Subscriber to, List<Article> articles) {}

    public EditionMessages(EditionStore store, ArticlesById articles, Recipients recipients, DigestRenderer renderer) {
        this.store = store;
        this.articles = articles;
        this.recipients = recipients;
        this.shapes = new DigestShapes(renderer);
    }

    @Override
    public Map<Long, Letter> prepare(long editionId, List<DeliveryStore.Due> rows) {
        if (rows.isEmpty()) {
            return Map.of();
        }
        Edition edition = frozen(editionId).edition();
        Map<Long, Letter> letters = new HashMap<>(rows.size() * 2);
        for (Digest digest : digests(editionId, rows)) {
            letters.put(digest.deliveryId(), () -> letter(edition, digest));
        }
        return letters;
    }

    /**
     * The message of one delivery (the admin's preview), its articles as the database finds them;
     * empty when it no longer applies.
     */
    public Optional<OutgoingMail> render(long editionId, long deliveryId) {
        Frozen frozen = frozen(editionId);
        return askingTheDatabase(editionId, frozen, List.of(deliveryId)).stream().findFirst()
                .map(digest -> letter(frozen.edition(), digest));
    }

    private OutgoingMail letter(Edition edition, Digest digest) {
        return shapes.render(edition, digest.to(), digest.articles(), recipients)
                .withBounceReference(BounceReference.delivery(digest.deliveryId()));
    }

    /** The digests of the rows whose subscriber is still active and has something new, in row order. */
    List<Digest> digests(long editionId, List<DeliveryStore.Due> rows) {
        if (rows.isEmpty()) {
            return List.of();
        }
        Frozen frozen = frozen(editionId);
        if (store.sharesTopicEditions(editionId)) {
            return askingTheDatabase(editionId, frozen, rows.stream().map(DeliveryStore.Due::id).toList());
        }
        Map<Long, Subscriber> active = active(rows.stream().map(DeliveryStore.Due::subscriberId).toList());
        List<Digest> digests = new ArrayList<>(rows.size());
        for (DeliveryStore.Due row : rows) {
            Subscriber s = active.get(row.subscriberId());
            if (s != null) {
                List<Article> theirs = frozen.newestFirst().stream()
                        .filter(a -> a.collectedAt().isAfter(row.since()) && s.wants(a.topics())).toList();
                if (!theirs.isEmpty()) {
                    digests.add(new Digest(row.id(), s, theirs));
                }
            }
        }
        return digests;
    }

    /** The digests of these deliveries by the whole rule, the topic editions' part included, as the database applies it. */
    private List<Digest> askingTheDatabase(long editionId, Frozen frozen, List<Long> deliveryIds) {
        Map<Long, Article> byId = frozen.newestFirst().stream().collect(Collectors.toMap(Article::id, Function.identity()));
        List<EditionStore.NewArticles> found = store.newArticles(editionId, deliveryIds);
        Map<Long, Subscriber> active = active(found.stream().map(EditionStore.NewArticles::subscriberId).toList());
        List<Digest> digests = new ArrayList<>(found.size());
        for (EditionStore.NewArticles digest : found) {
            Subscriber s = active.get(digest.subscriberId());
            if (s != null) {
                digests.add(new Digest(digest.deliveryId(), s, digest.articleIds().stream().map(byId::get).toList()));
            }
        }
        return digests;
    }

    private Map<Long, Subscriber> active(List<Long> subscriberIds) {
        if (subscriberIds.isEmpty()) {
            return Map.of();
        }
        return recipients.active(subscriberIds).stream().collect(Collectors.toMap(Subscriber::id, Function.identity()));
    }

    /**
     * The whole edition (every article it froze) as one stand-in reader gets it, with the links
     * {@code links} gives them: the "test send to me" of the admin side.
     */
    public OutgoingMail sample(long editionId, Subscriber reader, Recipients links) {
        Frozen frozen = frozen(editionId);
        return shapes.render(frozen.edition(), reader, frozen.newestFirst(), links);
    }

    /** Reads the edition afresh next time (its subject or introduction changed). */
    public void forget(long editionId) {
        editions.invalidate(editionId);
        shapes.forget(editionId);
    }

    private Frozen frozen(long editionId) {
        return editions.get(editionId, id -> {
            Edition edition = store.byId(id).orElseThrow(() -> new IllegalStateException("edition " + id + " is gone"));
            List<Long> ids = store.articleIds(id);
            Map<Long, Article> byId = articles.byIds(ids).stream().collect(Collectors.toMap(Article::id, Function.identity()));
            return new Frozen(edition, ids.stream().map(byId::get).filter(Objects::nonNull).toList());
        });
    }

    /** How many editions' article sets are kept (at most {@value #CACHED_EDITIONS}). */
    long editionsKept() {
        editions.cleanUp();
        return editions.estimatedSize();
    }
}
