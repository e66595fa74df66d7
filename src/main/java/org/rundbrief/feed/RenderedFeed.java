package org.rundbrief.feed;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.Base64;
import java.util.zip.GZIPOutputStream;

/**
 * One feed variant, ready to serve: the bytes, the same bytes gzipped (compressing per request
 * costs two thirds of the throughput: bench/README.md, Reference figures), a strong ETag derived from the
 * bytes (equal on every node and after a restart) and Last-Modified at whole seconds (HTTP dates
 * have no fractions).
 */
public record RenderedFeed(FeedFormat format, byte[] body, byte[] gzipped, String etag, Instant lastModified,
                           String cacheControl) {

    static RenderedFeed of(FeedFormat format, byte[] body, Instant lastModified, String cacheControl) {
        return new RenderedFeed(format, body, gzip(body), etagOf(body), lastModified.truncatedTo(ChronoUnit.SECONDS),
                cacheControl);
    }

    /** RFC 9110 8.8.3.3: a gzip-coded response is a different representation and needs its own strong tag. */
    public String gzipEtag() {
        return etag.substring(0, etag.length() - 1) + "-gz\"";
    }

    private static String etagOf(byte[] body) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(body);
            return "\"" + Base64.getUrlEncoder().withoutPadding().encodeToString(Arrays.copyOf(hash, 16)) + "\"";
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    private static byte[] gzip(byte[] body) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(body.length / 3 + 64);
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RenderedFeed r && r.format == format && r.etag.equals(etag);
    }

    @Override
    public int hashCode() {
        return etag.hashCode();
    }

    @Override
    public String toString() {
        return "RenderedFeed[" + format + " " + etag + " " + body.length + " bytes]";
    }
}
