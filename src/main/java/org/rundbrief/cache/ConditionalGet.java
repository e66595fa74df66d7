package org.rundbrief.cache;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The HTTP answer for a cached representation (feed or page), as plain data: status, headers,
 * body. Pure so that any server front (Javalin route, bare Jetty handler) answers the same way and
 * tests need no server.
 */
public final class ConditionalGet {
    private static final DateTimeFormatter HTTP_DATE = DateTimeFormatter.RFC_1123_DATE_TIME.withZone(ZoneOffset.UTC);

    private ConditionalGet() {}

    /** What to send: {@code body} is empty for 304 and HEAD, {@code headers} hold Content-Length. */
    public record Answer(int status, Map<String, String> headers, byte[] body) {}

    /**
     * Which of a representation's four answers a request gets: 304 or the full answer, each with
     * or without gzip. Their headers depend on nothing else, so a server front may build them once.
     */
    public record Choice(boolean notModified, boolean gzip) {}

    /**
     * @param ifNoneMatch     the If-None-Match header or null
     * @param ifModifiedSince the If-Modified-Since header or null
     * @param acceptEncoding  the Accept-Encoding header or null
     */
    public static Choice choose(Rendered r, String ifNoneMatch, String ifModifiedSince, String acceptEncoding) {
        return new Choice(notModified(r, ifNoneMatch, ifModifiedSince), acceptsGzip(acceptEncoding));
    }

    /** {@link #answer(Rendered, Choice, boolean)} of {@link #choose}; {@code head}: a HEAD request. */
    public static Answer answer(Rendered r, String ifNoneMatch, String ifModifiedSince, String acceptEncoding,
                                boolean head) {
        return answer(r, choose(r, ifNoneMatch, ifModifiedSince, acceptEncoding), head);
    }

    /** The answer {@code choice} names; for a HEAD request ({@code head}) the headers of the GET, no body. */
    public static Answer answer(Rendered r, Choice choice, boolean head) {
        boolean gzip = choice.gzip();
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("ETag", gzip ? r.gzipEtag() : r.etag());
        if (hasDate(r)) {
            headers.put("Last-Modified", HTTP_DATE.format(r.lastModified()));
        }
        headers.put("Cache-Control", r.cacheControl());
        headers.put("Vary", r.varyAlso().isEmpty() ? "Accept-Encoding" : "Accept-Encoding, " + r.varyAlso());
        if (choice.notModified()) {
            return new Answer(304, headers, new byte[0]);
        }
        byte[] body = gzip ? r.gzipped() : r.body();
        headers.put("Content-Type", r.contentType());
        if (gzip) {
            headers.put("Content-Encoding", "gzip");
        }
        headers.put("Content-Length", Integer.toString(body.length));
        return new Answer(200, headers, head ? new byte[0] : body);
    }

    /**
     * RFC 9110 13.1.2: If-None-Match uses weak comparison and, when present, makes
     * If-Modified-Since irrelevant (13.1.3). Either of our two tags (identity, gzip) matches: they
     * name the same content.
     */
    static boolean notModified(Rendered r, String ifNoneMatch, String ifModifiedSince) {
        if (ifNoneMatch != null) {
            for (String tag : ifNoneMatch.split(",")) {
                String t = tag.trim();
                if (t.startsWith("W/")) {
                    t = t.substring(2);
                }
                if (t.equals("*") || t.equals(r.etag()) || t.equals(r.gzipEtag())) {
                    return true;
                }
            }
            return false;
        }
        if (ifModifiedSince != null && hasDate(r)) {
            try {
                Instant since = ZonedDateTime.parse(ifModifiedSince.trim(), DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
                return !r.lastModified().isAfter(since);
            } catch (DateTimeParseException e) {
                return false; // RFC 9110 13.1.3: an invalid date is ignored
            }
        }
        return false;
    }

    /** Without a meaningful modification date (a feed without articles) we send none rather than 1970. */
    private static boolean hasDate(Rendered r) {
        return !r.lastModified().equals(Instant.EPOCH);
    }

    /** RFC 9110 12.5.3: gzip (or *) listed with a q-value above zero, and gzip not refused. */
    static boolean acceptsGzip(String acceptEncoding) {
        if (acceptEncoding == null) {
            return false;
        }
        boolean star = false;
        for (String part : acceptEncoding.split(",")) {
            String[] p = part.trim().split(";");
            String coding = p[0].trim().toLowerCase(Locale.ROOT);
            boolean allowed = qValue(p) > 0;
            if (coding.equals("gzip") || coding.equals("x-gzip")) {
                return allowed;
            }
            if (coding.equals("*")) {
                star = allowed;
            }
        }
        return star;
    }

    private static double qValue(String[] params) {
        for (int i = 1; i < params.length; i++) {
            String param = params[i].trim();
            if (param.startsWith("q=") || param.startsWith("Q=")) {
                try {
                    return Double.parseDouble(param.substring(2).trim());
                } catch (NumberFormatException e) {
                    return 0;
                }
            }
        }
        return 1;
    }
}
