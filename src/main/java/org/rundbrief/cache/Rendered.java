package org.rundbrief.cache;

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
 * One representation, ready to serve: the bytes, the same bytes gzipped (compressing per request
 * costs two thirds of the throughput, see bench/README.md), a strong ETag derived from the bytes
 * (equal on every node and after a restart), Last-Modified at whole seconds (HTTP dates have no
 * fractions; {@link Instant#EPOCH} for none) and the request headers besides Accept-Encoding that
 * chose this variant ({@code varyAlso}, e.g. {@code Accept-Language}; empty for none).
 */
public record Rendered(String contentType, byte[] body, byte[] gzipped, String etag, Instant lastModified,
                       String cacheControl, String varyAlso) {

    public static Rendered of(String contentType, byte[] body, Instant lastModified, String cacheControl) {
        return of(contentType, body, lastModified, cacheControl, "");
    }

    public static Rendered of(String contentType, byte[] body, Instant lastModified, String cacheControl,
                              String varyAlso) {
        return new Rendered(contentType, body, gzip(body), etagOf(body), lastModified.truncatedTo(ChronoUnit.SECONDS),
                cacheControl, varyAlso);
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
        return o instanceof Rendered r && r.contentType.equals(contentType) && r.etag.equals(etag);
    }

    @Override
    public int hashCode() {
        return etag.hashCode();
    }

    @Override
    public String toString() {
        return "Rendered[" + contentType + " " + etag + " " + body.length + " bytes]";
    }
}
