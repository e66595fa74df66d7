package org.rundbrief.collect;

import com.rometools.rome.feed.synd.SyndCategory;
import com.rometools.rome.feed.synd.SyndContent;
import com.rometools.rome.feed.synd.SyndEnclosure;
import com.rometools.rome.feed.synd.SyndEntry;
import com.rometools.rome.feed.synd.SyndFeed;
import com.rometools.rome.io.FeedException;
import com.rometools.rome.io.SAXBuilder;
import com.rometools.rome.io.SyndFeedInput;
import com.rometools.rome.io.WireFeedInput;
import com.rometools.rome.io.impl.XmlFixerReader;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.net.URI;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import org.jdom2.Document;
import org.jdom2.JDOMException;
import org.jdom2.input.JDOMParseException;
import org.jsoup.nodes.Entities;
import org.rundbrief.article.SourceNote;

/**
 * RSS 0.9x/1.0/2.0 and Atom 0.3/1.0 bytes → {@link CollectedItem}s, with Rome. Rome types stay in
 * this class (libraries stay at the edges: docs/ARCHITECTURE.md). The bytes are decoded here rather than by the
 * XML parser (RFC 7303 rules) so that ISO-8859-1 can be read as windows-1252 (as browsers do, WHATWG Encoding
 * §4.2) and characters XML forbids can be dropped before parsing. DOCTYPEs are refused, which
 * stops external entities (XXE) and entity-expansion bombs at once.
 */
final class FeedParser {
    private static final Charset WINDOWS_1252 = Charset.forName("windows-1252");
    private static final int READ_BUFFER = 1 << 16;

    private FeedParser() {}

    /**
     * Checks the start of {@code body} (charset, not an HTML page) at once and reads the items when
     * they are delivered, a chunk at a time (see {@link ItemChunkingHandler}): the feed is decoded
     * while it is parsed, never held as one big String or one whole document.
     */
    static ArticleSource.Items parse(byte[] body, String contentType, URI documentUri) throws CollectException {
        Charset charset = charset(body, contentType);
        int bom = bomLength(body);
        String head = XmlText.stripIllegal(new String(body, bom, Math.min(body.length - bom, 2048), charset)).stripLeading();
        String lower = head.toLowerCase(Locale.ROOT);
        if (lower.startsWith("<!doctype html") || lower.startsWith("<html")) {
            throw new CollectException(SourceNote.of("htmlNotFeed", "not a feed: the server sent an HTML page"));
        }
        String rootLanguage = rootXmlLang(head);
        SyndFeedInput input = new SyndFeedInput();
        return sink -> read(body, bom, charset, document -> {
            SyndFeed feed = build(input, document);
            String base = base(documentUri, feed.getLink());
            String language = feed.getLanguage() != null ? feed.getLanguage() : rootLanguage;
            List<CollectedItem> items = new ArrayList<>(feed.getEntries().size());
            for (SyndEntry e : feed.getEntries()) {
                items.add(item(e, base, language));
            }
            if (!items.isEmpty()) {
                sink.items(items);
            }
        });
    }

    /** Parses the XML, handing the document to {@code chunks} every few items and once at the end. */
    private static void read(byte[] body, int bom, Charset charset, ItemChunkingHandler.ChunkConsumer chunks)
            throws CollectException {
        // Buffered on top: Rome's XML healer (XmlFixerReader), when needed, pulls one char per read()
        // call, and an unbuffered decoder answers each of those through its whole single-char path.
        Reader reader = new BufferedReader(XmlText.legalOnly(new InputStreamReader(
                new ByteArrayInputStream(body, bom, body.length - bom),
                charset.newDecoder().onMalformedInput(CodingErrorAction.REPLACE)
                        .onUnmappableCharacter(CodingErrorAction.REPLACE))), READ_BUFFER);
        SAXBuilder builder = XmlInput.saxBuilder();
        ItemChunkingHandler[] handler = new ItemChunkingHandler[1];
        builder.setSAXHandlerFactory(factory -> handler[0] = new ItemChunkingHandler(factory, chunks));
        Document rest;
        try {
            rest = builder.build(XmlHealing.needed(body, bom, charset) ? new XmlFixerReader(reader) : reader);
        } catch (JDOMException | java.io.IOException | RuntimeException e) {
            if (handler[0] != null) {
                handler[0].rethrowFailure();
            }
            throw invalid(e instanceof JDOMParseException || e instanceof IllegalArgumentException
                    ? (e instanceof JDOMParseException ? "Invalid XML: " : "") + e.getMessage() : "Invalid XML");
        }
        chunks.accept(rest);
    }

    /** Rome's feed parsers on one (partial) document, after the dates are prepared (see {@link FeedDates}). */
    private static SyndFeed build(SyndFeedInput input, Document document) throws CollectException {
        try {
            FeedDates.prepare(document);
            return input.build(document);
        } catch (FeedException | IllegalArgumentException e) {
            throw invalid(e.getMessage());
        }
    }

    private static CollectException invalid(String reason) {
        String why = String.valueOf(reason);
        if (why.contains("DOCTYPE")) {
            return new CollectException(SourceNote.of("doctypeRefused",
                    "not a valid feed: DOCTYPE declarations are refused (no DTDs or entities from feeds)"));
        }
        return new CollectException(SourceNote.of("invalidFeed", "not a valid feed: {detail}", "detail", why));
    }

    /** Rome's own SAX set-up for feeds: no DOCTYPE, no external entities. */
    private static final class XmlInput extends WireFeedInput {
        private XmlInput() {
            setAllowDoctypes(false);
        }

        static SAXBuilder saxBuilder() {
            return new XmlInput().createSAXBuilder();
        }
    }

    private static final java.util.regex.Pattern XML_ENCODING =
            java.util.regex.Pattern.compile("^<\\?xml[^>]*?encoding\\s*=\\s*[\"']([A-Za-z0-9._:-]+)[\"']");
    private static final java.util.regex.Pattern HTTP_CHARSET =
            java.util.regex.Pattern.compile("(?i);\\s*charset\\s*=\\s*\"?([A-Za-z0-9._:-]+)");

    /**
     * The charset per RFC 7303 §3: a byte order mark, else the HTTP charset parameter, else the XML
     * declaration, else UTF-8. ISO-8859-1 and US-ASCII are widened to windows-1252.
     */
    static Charset charset(byte[] body, String contentType) throws CollectException {
        String encoding = bom(body);
        if (encoding == null && contentType != null) {
            java.util.regex.Matcher m = HTTP_CHARSET.matcher(contentType);
            encoding = m.find() ? m.group(1) : null;
        }
        if (encoding == null) {
            String head = new String(body, 0, Math.min(body.length, 200), StandardCharsets.ISO_8859_1);
            java.util.regex.Matcher m = XML_ENCODING.matcher(head);
            encoding = m.find() ? m.group(1) : "UTF-8";
        }
        Charset charset;
        try {
            charset = Charset.forName(encoding);
        } catch (IllegalArgumentException e) {
            throw new CollectException(SourceNote.of("unsupportedEncoding", "unsupported character encoding '{encoding}'",
                    "encoding", encoding));
        }
        return charset.equals(StandardCharsets.ISO_8859_1) || charset.equals(StandardCharsets.US_ASCII) ? WINDOWS_1252 : charset;
    }

    private static int bomLength(byte[] b) {
        String bom = bom(b);
        return bom == null ? 0 : bom.equals("UTF-8") ? 3 : 2;
    }

    private static String bom(byte[] b) {
        if (b.length >= 3 && (b[0] & 0xff) == 0xEF && (b[1] & 0xff) == 0xBB && (b[2] & 0xff) == 0xBF) {
            return "UTF-8";
        }
        if (b.length >= 2 && (b[0] & 0xff) == 0xFE && (b[1] & 0xff) == 0xFF) {
            return "UTF-16BE";
        }
        if (b.length >= 2 && (b[0] & 0xff) == 0xFF && (b[1] & 0xff) == 0xFE) {
            return "UTF-16LE";
        }
        return null;
    }

    private static final java.util.regex.Pattern ROOT_XML_LANG =
            java.util.regex.Pattern.compile("<(?:\\w+:)?(?:feed|rss|rdf)\\b[^>]*\\bxml:lang\\s*=\\s*[\"']([A-Za-z-]{2,20})[\"']");

    /** Rome keeps RSS {@code <language>} but not Atom's {@code xml:lang} on the root (XML 1.0 §2.12). */
    private static String rootXmlLang(String head) {
        java.util.regex.Matcher m = ROOT_XML_LANG.matcher(head);
        return m.find() ? m.group(1) : null;
    }

    private static String base(URI documentUri, String feedLink) {
        try {
            return feedLink == null || feedLink.isBlank() ? documentUri.toString() : documentUri.resolve(feedLink.trim()).toString();
        } catch (IllegalArgumentException e) {
            return documentUri.toString();
        }
    }

    private static CollectedItem item(SyndEntry e, String base, String language) {
        String link = e.getLink();
        if ((link == null || link.isBlank()) && !e.getLinks().isEmpty()) {
            link = e.getLinks().get(0).getHref();
        }
        String author = e.getAuthor();
        if ((author == null || author.isBlank()) && !e.getAuthors().isEmpty()) {
            author = e.getAuthors().get(0).getName();
        }
        String content = null;
        for (SyndContent c : e.getContents()) {
            if (c.getValue() != null && !c.getValue().isBlank()) {
                content = html(c);
                break;
            }
        }
        List<String> categories = new ArrayList<>();
        for (SyndCategory c : e.getCategories()) {
            if (c.getName() != null) {
                categories.add(c.getName());
            }
            if (c.getLabel() != null) {
                categories.add(c.getLabel());
            }
        }
        String image = null;
        for (SyndEnclosure enclosure : e.getEnclosures()) {
            if (enclosure.getType() != null && enclosure.getType().startsWith("image/")) {
                image = enclosure.getUrl();
                break;
            }
        }
        Date date = e.getPublishedDate() != null ? e.getPublishedDate() : e.getUpdatedDate();
        Instant published = date == null ? null : date.toInstant();
        return new CollectedItem(e.getUri(), link, e.getTitle(), author, html(e.getDescription()), content, image,
                language, categories, published, base);
    }

    /** Content as HTML: Atom "text" (and text/plain) is escaped, html and xhtml pass on to the sanitizer. */
    private static String html(SyndContent c) {
        if (c == null || c.getValue() == null) {
            return null;
        }
        String type = c.getType() == null ? "html" : c.getType().toLowerCase(Locale.ROOT);
        return type.equals("text") || type.equals("text/plain") ? Entities.escape(c.getValue()) : c.getValue();
    }
}
