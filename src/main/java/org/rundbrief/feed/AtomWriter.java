package org.rundbrief.feed;

import static org.rundbrief.feed.XmlText.clean;

import com.rometools.rome.feed.atom.Category;
import com.rometools.rome.feed.atom.Content;
import com.rometools.rome.feed.atom.Entry;
import com.rometools.rome.feed.atom.Feed;
import com.rometools.rome.feed.atom.Link;
import com.rometools.rome.feed.atom.Person;
import com.rometools.rome.feed.synd.SyndPerson;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import org.jdom2.Element;
import org.rundbrief.article.Article;

/** Atom 1.0 (RFC 4287) through Rome. */
final class AtomWriter {
    private AtomWriter() {}

    static byte[] write(FeedDocument doc) {
        Feed feed = new Feed("atom_1.0");
        feed.setId(clean(doc.feedId()));
        feed.setTitle(clean(doc.title()));
        feed.setSubtitle(text(Content.TEXT, doc.description()));
        feed.setUpdated(Date.from(doc.updated()));
        // RFC 4287 4.1.1: a feed needs an author unless every entry has one; the site is the author.
        feed.setAuthors(List.of(person(doc.site().title())));
        feed.setAlternateLinks(List.of(link("alternate", "text/html", doc.alternateUrl())));
        List<Link> other = new ArrayList<>();
        other.add(link("self", FeedFormat.ATOM.mediaType(), doc.selfUrl()));
        doc.hub().ifPresent(hub -> other.add(link("hub", null, hub)));
        if (doc.isArchive()) {
            other.add(link("current", FeedFormat.ATOM.mediaType(), doc.currentUrl()));
            feed.setForeignMarkup(List.of(new Element("archive", XmlFeedOutput.HISTORY)));
        }
        doc.prevArchive().ifPresent(m -> other.add(archiveLink(doc, "prev-archive", m)));
        doc.nextArchive().ifPresent(m -> other.add(archiveLink(doc, "next-archive", m)));
        feed.setOtherLinks(other);
        List<Entry> entries = new ArrayList<>(doc.items().size());
        for (Article a : doc.items()) {
            entries.add(entry(doc, a));
        }
        feed.setEntries(entries);
        return XmlFeedOutput.write(feed, doc.site().language(), XmlFeedOutput.HISTORY);
    }

    private static Entry entry(FeedDocument doc, Article a) {
        Entry e = new Entry();
        e.setId(clean(doc.entryId(a)));
        e.setTitle(clean(a.title()));
        e.setUpdated(Date.from(a.updatedAt()));
        e.setPublished(Date.from(a.publishedAt()));
        e.setAlternateLinks(List.of(link("alternate", "text/html", doc.site().articleUrl(a.slug()))));
        List<Link> other = new ArrayList<>();
        if (a.link() != null && !a.link().isBlank()) {
            other.add(link("via", "text/html", a.link()));
        }
        if (a.imageUrl() != null && !a.imageUrl().isBlank()) {
            other.add(link("enclosure", FeedDocument.imageType(a.imageUrl()), a.imageUrl()));
        }
        e.setOtherLinks(other);
        if (a.author() != null && !a.author().isBlank()) {
            e.setAuthors(List.of(person(a.author())));
        }
        if (a.summary() != null && !a.summary().isBlank()) {
            e.setSummary(text(Content.TEXT, a.summary()));
        }
        if (a.contentHtml() != null && !a.contentHtml().isBlank()) {
            e.setContents(List.of(text(Content.HTML, a.contentHtml())));
        }
        List<Category> categories = new ArrayList<>();
        for (String topic : a.topics()) {
            Category c = new Category();
            c.setTerm(clean(topic));
            c.setLabel(clean(doc.topicLabel(topic)));
            categories.add(c);
        }
        e.setCategories(categories);
        return e;
    }

    private static Link archiveLink(FeedDocument doc, String rel, YearMonth month) {
        return link(rel, FeedFormat.ATOM.mediaType(), doc.archiveUrl(month));
    }

    private static Link link(String rel, String type, String href) {
        Link l = new Link();
        l.setRel(rel);
        l.setType(type);
        l.setHref(clean(href));
        return l;
    }

    private static Content text(String type, String value) {
        Content c = new Content();
        c.setType(type);
        c.setValue(clean(value));
        return c;
    }

    private static SyndPerson person(String name) {
        Person p = new Person();
        p.setName(clean(name));
        return p;
    }
}
