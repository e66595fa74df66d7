package org.rundbrief.render;

import java.security.SecureRandom;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.rundbrief.article.Article;
import org.rundbrief.edition.Edition;
import org.rundbrief.mail.OutgoingMail;
import org.rundbrief.subscriber.Subscriber;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Renders digests once per shape and personalises copies. Recipients of an edition who get the same
 * articles in the same language get the same digest but for their {@link Personal} values, so a
 * shape (edition, article ids, language, with or without a name) is rendered with
 * {@link Sentinels stand-ins}, cut at them, and each recipient's values are put in: HTML-escaped
 * where the template escaped, the text lines with a value wrapped after filling. The lines without
 * a value are quoted-printable encoded once per shape ({@link PartShape}).
 *
 * <p>Templates are the user's: they may do anything with a value. So a shape is used only if it
 * can be cut cleanly and two stand-in variants give the same cut, and its first
 * {@value #CHECK_FIRST} messages (then every {@value #CHECK_EVERY}th) are compared with a full
 * render; on any difference that shape goes back to full rendering for good. At most
 * {@value #SHAPES} shapes are kept (least recently used go first), however many recipients.
 */
public final class DigestShapes {
    private static final Logger log = LoggerFactory.getLogger(DigestShapes.class);
    static final int SHAPES = 32;
    static final int CHECK_FIRST = 3;
    static final int CHECK_EVERY = 1000;

    private final DigestRenderer renderer;
    private final AtomicLong fullRenders = new AtomicLong();
    private final Sentinels sentinels = new Sentinels(new SecureRandom());
    private final Map<Key, Entry> shapes = new LinkedHashMap<>(SHAPES * 2, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Key, Entry> eldest) {
            return size() > SHAPES;
        }
    };

    private record Key(long editionId, List<Long> articleIds, String language, boolean named) {}

    /** A digest cut at the personal values, as rendered with one variant of the stand-ins. */
    private record Cut(Spliced subject, Spliced html, WrappedText text) {}

    /** A digest ready to fill; filled, it is what a full render gives. */
    private record Shape(Spliced subject, PartShape html, PartShape text) {}

    /** A shape (null: cannot be cut) with its use count; {@code full} once a check found a difference. */
    private static final class Entry {
        final Shape shape;
        final AtomicInteger uses = new AtomicInteger();
        volatile boolean full;

        Entry(Shape shape) {
            this.shape = shape;
            this.full = shape == null;
        }
    }

    public DigestShapes(DigestRenderer renderer) {
        this.renderer = renderer;
    }

    /** The same message as {@link DigestRenderer#render}, from the shape's cut output where it can. */
    public OutgoingMail render(Edition edition, Subscriber s, List<Article> articles, Recipients links) {
        Personal personal = Personal.of(s, links);
        Key key = new Key(edition.id(), articles.stream().map(Article::id).toList(), s.language(),
                !personal.recipient().isEmpty());
        Entry entry;
        synchronized (shapes) {
            entry = shapes.computeIfAbsent(key, k -> new Entry(shape(edition, articles, k)));
        }
        if (entry.full) {
            return fullRender(edition, s, articles, links, personal);
        }
        Shape shape = entry.shape;
        OutgoingMail mail = renderer.mail(edition, s, personal, links, shape.subject().fill(personal).strip(),
                shape.html().fill(personal), shape.text().fill(personal));
        int use = entry.uses.getAndIncrement();
        if (use < CHECK_FIRST || use % CHECK_EVERY == 0) {
            OutgoingMail full = fullRender(edition, s, articles, links, personal);
            if (!full.equals(mail)) {
                entry.full = true;
                log.warn("edition {}: the digest templates use a personal value in a way that cannot be filled in "
                        + "(e.g. ?upper_case or a condition on it); rendering these messages in full", edition.id());
                return full;
            }
        }
        return mail;
    }

    /** A full render with the same personal values as the filled copy it is compared with. */
    private OutgoingMail fullRender(Edition edition, Subscriber s, List<Article> articles, Recipients links,
                                    Personal personal) {
        fullRenders.incrementAndGet();
        return renderer.render(edition, s, articles, links, personal);
    }

    /** Drops the shapes of an edition whose texts changed. */
    public void forget(long editionId) {
        synchronized (shapes) {
            shapes.keySet().removeIf(k -> k.editionId() == editionId);
        }
    }

    /** Messages rendered in full so far: the checks and the shapes that fell back. */
    long fullRenders() {
        return fullRenders.get();
    }

    int size() {
        synchronized (shapes) {
            return shapes.size();
        }
    }

    /** Renders the shape with two stand-in variants; null unless both cut cleanly and alike. */
    private Shape shape(Edition edition, List<Article> articles, Key key) {
        Cut[] variants = new Cut[2];
        for (int v = 0; v < 2; v++) {
            Personal standIns = sentinels.standIns(v, key.named());
            DigestRenderer.Parts parts;
            try {
                parts = renderer.renderParts(edition, articles, key.language(), standIns);
            } catch (RuntimeException e) {
                // e.g. ?number on the name: the real values will tell in a full render
                log.debug("edition {}: stand-ins do not render: {}", edition.id(), e.getMessage());
                return null;
            }
            Spliced subject = sentinels.split(parts.subject(), standIns);
            Spliced html = sentinels.split(parts.html(), standIns);
            WrappedText text = WrappedText.of(parts.text(), sentinels, standIns);
            if (subject == null || html == null || text == null) {
                log.info("edition {}: the digest templates transform a personal value; rendering each message in full",
                        edition.id());
                return null;
            }
            variants[v] = new Cut(subject, html, text);
        }
        if (!variants[0].equals(variants[1])) {
            log.info("edition {}: the digest templates depend on a personal value's length; rendering each message in full",
                    edition.id());
            return null;
        }
        return new Shape(variants[0].subject(), PartShape.html(variants[0].html()), PartShape.text(variants[0].text()));
    }
}
