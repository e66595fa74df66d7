package org.rundbrief.feed;

import static org.rundbrief.feed.XmlText.clean;

import com.rometools.rome.feed.rss.Category;
import com.rometools.rome.feed.rss.Channel;
import com.rometools.rome.feed.rss.Description;
import com.rometools.rome.feed.rss.Enclosure;
import com.rometools.rome.feed.rss.Guid;
import com.rometools.rome.feed.rss.Item;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import org.jdom2.Element;
import org.rundbrief.article.Article;

/**
 * RSS 2.0 through Rome. The summary goes to {@code description}, the full HTML to
 * {@code content:encoded}, the author to {@code dc:creator} (RSS's own {@code author} must be an
 * email address), and RFC 5005 links as {@code atom:link} (RFC 5005 appendix B).
 */
final class RssWriter {
    private RssWriter() {}

    static byte[] write(FeedDocument doc) {
        Channel channel = new Channel("rss_2.0");
        channel.setTitle(clean(doc.title()));
        channel.setLink(clean(doc.alternateUrl()));
        channel.setDescription(clean(doc.description()));
        channel.setLanguage(doc.site().language());
        if (!doc.items().isEmpty()) {
            channel.setLastBuildDate(Date.from(doc.updated()));
        }
        List<Element> markup = new ArrayList<>();
        markup.add(atomLink("self", FeedFormat.RSS.mediaType(), doc.selfUrl()));
        doc.hub().ifPresent(hub -> markup.add(atomLink("hub", null, hub)));
        markup.add(atomLink("alternate", "text/html", doc.alternateUrl()));
        if (doc.isArchive()) {
            markup.add(atomLink("current", FeedFormat.RSS.mediaType(), doc.currentUrl()));
            markup.add(new Element("archive", XmlFeedOutput.HISTORY));
        }
        doc.prevArchive().ifPresent(m -> markup.add(atomLink("prev-archive", FeedFormat.RSS.mediaType(), doc.archiveUrl(m))));
        doc.nextArchive().ifPresent(m -> markup.add(atomLink("next-archive", FeedFormat.RSS.mediaType(), doc.archiveUrl(m))));
        channel.setForeignMarkup(markup);
        List<Item> items = new ArrayList<>(doc.items().size());
        for (Article a : doc.items()) {
            items.add(item(doc, a));
        }
        channel.setItems(items);
        return XmlFeedOutput.write(channel, null, XmlFeedOutput.ATOM, XmlFeedOutput.HISTORY, XmlFeedOutput.CONTENT,
                XmlFeedOutput.DC);
    }

    private static Item item(FeedDocument doc, Article a) {
        Item item = new Item();
        item.setTitle(clean(a.title()));
        item.setLink(clean(doc.site().articleUrl(a.slug())));
        Guid guid = new Guid();
        // The guid is a tag URI, not the link, hence isPermaLink="false" (RSS 2.0 spec, <guid>).
        guid.setPermaLink(false);
        guid.setValue(clean(doc.entryId(a)));
        item.setGuid(guid);
        item.setPubDate(Date.from(a.publishedAt()));
        String summary = notBlank(a.summary()) ? a.summary() : a.contentHtml();
        if (notBlank(summary)) {
            Description d = new Description();
            d.setType(notBlank(a.summary()) ? "text/plain" : "text/html");
            d.setValue(clean(summary));
            item.setDescription(d);
        }
        List<Element> markup = new ArrayList<>();
        if (notBlank(a.contentHtml())) {
            markup.add(new Element("encoded", XmlFeedOutput.CONTENT).setText(clean(a.contentHtml())));
        }
        if (notBlank(a.author())) {
            markup.add(new Element("creator", XmlFeedOutput.DC).setText(clean(a.author())));
        }
        item.setForeignMarkup(markup);
        List<Category> categories = new ArrayList<>();
        for (String topic : a.topics()) {
            Category c = new Category();
            c.setValue(clean(doc.topicLabel(topic)));
            categories.add(c);
        }
        item.setCategories(categories);
        if (notBlank(a.imageUrl())) {
            Enclosure e = new Enclosure();
            e.setUrl(clean(a.imageUrl()));
            // RSS 2.0 requires a length; we do not fetch the image to learn it, and 0 is the
            // customary "unknown" that readers accept.
            e.setLength(0);
            e.setType(FeedDocument.imageType(a.imageUrl()));
            item.setEnclosures(List.of(e));
        }
        return item;
    }

    private static Element atomLink(String rel, String type, String href) {
        Element link = new Element("link", XmlFeedOutput.ATOM).setAttribute("rel", rel);
        if (type != null) {
            link.setAttribute("type", type);
        }
        return link.setAttribute("href", clean(href));
    }

    private static boolean notBlank(String s) {
        return s != null && !s.isBlank();
    }
}
