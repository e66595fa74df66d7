package org.rundbrief.render;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.rundbrief.article.Article;
import org.rundbrief.edition.Edition;
import org.rundbrief.edition.EditionStore;
import org.rundbrief.mail.OutgoingMail;
import org.rundbrief.subscriber.Subscriber;

/**
 * The message one subscriber would get if their cadence's edition were planned now. It plans a
 * real edition inside a transaction that is always rolled back, so the preview follows exactly the
 * rule that sending follows and leaves nothing behind.
 */
public final class DigestPreview {
    private final EditionStore store;
    private final ArticlesById articles;
    private final Recipients recipients;
    private final DigestRenderer renderer;
    private final Clock clock;
    private final int maxAgeDays;

    public DigestPreview(EditionStore store, ArticlesById articles, Recipients recipients, DigestRenderer renderer,
                         Clock clock, int maxAgeDays) {
        this.store = store;
        this.articles = articles;
        this.recipients = recipients;
        this.renderer = renderer;
        this.clock = clock;
        this.maxAgeDays = maxAgeDays;
    }

    /** Empty when nothing is new for this subscriber. */
    public Optional<OutgoingMail> preview(Subscriber s) {
        Instant now = clock.instant();
        Instant since = s.deliveredUntil() != null ? s.deliveredUntil() : now;
        return store.jdbc().rolledBack(() -> {
            long id = store.insert(s.cadence(), null, Edition.Status.PLANNING, now, now);
            store.freezeArticles(id, now, since, now.minus(Duration.ofDays(maxAgeDays)), null);
            long delivery = store.insertDelivery(id, s.id(), since, now);
            List<Article> theirs = articles.byIds(store.newArticles(id, List.of(delivery)).stream()
                    .flatMap(d -> d.articleIds().stream()).toList());
            if (theirs.isEmpty()) {
                return Optional.empty();
            }
            return Optional.of(renderer.render(store.byId(id).orElseThrow(), s, theirs, recipients));
        });
    }
}
