package org.rundbrief.collect;

import org.jdom2.Content;
import org.jdom2.Document;
import org.jdom2.Element;
import org.jdom2.JDOMFactory;
import org.jdom2.Text;
import org.jdom2.input.sax.SAXHandler;
import org.xml.sax.SAXException;

/**
 * Builds a feed document as JDOM's own handler does, but every {@link ArticleSource#CHUNK} items
 * hands the document built so far (the root, the channel's elements before the items, and those
 * items) to a callback and then drops the items from the tree. Rome still parses whole documents,
 * yet a feed of any length is held a chunk at a time.
 *
 * <p>An item is an {@code item} or {@code entry} element that is a child of the root (Atom, RSS
 * 0.90/1.0) or of a child of the root (RSS 0.9x/2.0 {@code <channel>}). Channel elements that come
 * after the items (rare) are seen only by the chunk that ends the document.
 */
final class ItemChunkingHandler extends SAXHandler {
    /** What to do with a chunk; a failure stops the parse and is rethrown by {@link #rethrowFailure}. */
    @FunctionalInterface
    interface ChunkConsumer {
        void accept(Document partial) throws CollectException;
    }

    private final ChunkConsumer consumer;
    private int pending;
    private Exception failure;

    ItemChunkingHandler(JDOMFactory factory, ChunkConsumer consumer) {
        super(factory);
        this.consumer = consumer;
    }

    @Override
    public void endElement(String namespaceURI, String localName, String qName) throws SAXException {
        super.endElement(namespaceURI, localName, qName);
        if ((localName.equals("item") || localName.equals("entry")) && isItemParent(getCurrentElementOrNull())
                && ++pending == ArticleSource.CHUNK) {
            Element parent = getCurrentElement();
            try {
                consumer.accept(getDocument());
            } catch (CollectException | RuntimeException e) {
                failure = e;
                throw new SAXException("stopped: " + e.getMessage());
            }
            parent.getContent().removeIf(ItemChunkingHandler::delivered);
            pending = 0;
        }
    }

    /** Throws what stopped the parse from inside, if anything did. */
    void rethrowFailure() throws CollectException {
        if (failure instanceof CollectException e) {
            throw e;
        }
        if (failure instanceof RuntimeException e) {
            throw e;
        }
    }

    private Element getCurrentElementOrNull() {
        try {
            return getCurrentElement();
        } catch (SAXException e) {
            return null; // the root itself ended: no parent
        }
    }

    private boolean isItemParent(Element parent) {
        if (parent == null) {
            return false;
        }
        Element root = getDocument().getRootElement();
        return parent == root || parent.getParentElement() == root;
    }

    private static boolean delivered(Content c) {
        return c instanceof Element e && (e.getName().equals("item") || e.getName().equals("entry"))
                || c instanceof Text t && t.getTextTrim().isEmpty();
    }
}
