package org.rundbrief.feed;

import com.rometools.rome.feed.WireFeed;
import com.rometools.rome.io.FeedException;
import com.rometools.rome.io.WireFeedOutput;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import org.jdom2.Document;
import org.jdom2.Namespace;
import org.jdom2.output.Format;
import org.jdom2.output.XMLOutputter;

/** Serialises a Rome feed to UTF-8 bytes, declaring our extension namespaces once on the root. */
final class XmlFeedOutput {
    static final Namespace ATOM = Namespace.getNamespace("atom", "http://www.w3.org/2005/Atom");
    // RFC 5005 section 4: <fh:archive/> marks an archive document.
    static final Namespace HISTORY = Namespace.getNamespace("fh", "http://purl.org/syndication/history/1.0");
    static final Namespace CONTENT = Namespace.getNamespace("content", "http://purl.org/rss/1.0/modules/content/");
    static final Namespace DC = Namespace.getNamespace("dc", "http://purl.org/dc/elements/1.1/");

    private XmlFeedOutput() {}

    /** {@code xmlLang}: set as {@code xml:lang} on the root (Rome does not write Atom's language); null for none. */
    static byte[] write(WireFeed feed, String xmlLang, Namespace... declare) {
        try {
            Document doc = new WireFeedOutput().outputJDom(feed);
            if (xmlLang != null) {
                doc.getRootElement().setAttribute("lang", xmlLang, Namespace.XML_NAMESPACE);
            }
            for (Namespace ns : declare) {
                doc.getRootElement().addNamespaceDeclaration(ns);
            }
            ByteArrayOutputStream bytes = new ByteArrayOutputStream(64 * 1024);
            // Raw format: text is written exactly as given (pretty printing would trim content).
            XMLOutputter out = new XMLOutputter(Format.getRawFormat().setEncoding("UTF-8").setLineSeparator("\n"));
            try (Writer w = new OutputStreamWriter(bytes, StandardCharsets.UTF_8)) {
                out.output(doc, w);
            }
            return bytes.toByteArray();
        } catch (FeedException | IOException e) {
            throw new IllegalStateException("feed: cannot write " + feed.getFeedType() + ": " + e.getMessage(), e);
        }
    }
}
