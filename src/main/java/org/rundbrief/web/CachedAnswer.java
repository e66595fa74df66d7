package org.rundbrief.web;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.http.PreEncodedHttpField;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.util.BufferUtil;
import org.eclipse.jetty.util.Callback;
import org.rundbrief.cache.ConditionalGet;
import org.rundbrief.cache.Rendered;
import org.slf4j.Logger;

/**
 * An answer of the hot paths in front of Javalin (feeds and public pages): a cached representation,
 * or a short plain-text error. The cache package decides the representation's answer
 * ({@link ConditionalGet}); this only copies it onto a bare Jetty response.
 */
final class CachedAnswer {
    private final Rendered rendered;
    private final int status;
    private final String message;

    private CachedAnswer(Rendered rendered, int status, String message) {
        this.rendered = rendered;
        this.status = status;
        this.message = message;
    }

    static CachedAnswer of(Rendered rendered) {
        return new CachedAnswer(rendered, 200, null);
    }

    /** Same answer as WebServer's mapping for Javalin routes: plain text. */
    static CachedAnswer plain(int status, String message) {
        return new CachedAnswer(null, status, message);
    }

    private void write(Request request, Response response, Callback callback, boolean head) {
        if (rendered == null) {
            response.setStatus(status);
            response.getHeaders().put(HttpHeader.CONTENT_TYPE, "text/plain; charset=utf-8");
            response.write(true, ByteBuffer.wrap(message.getBytes(StandardCharsets.UTF_8)), callback);
            return;
        }
        var headers = request.getHeaders();
        ConditionalGet.Choice choice = ConditionalGet.choose(rendered, headers.get(HttpHeader.IF_NONE_MATCH),
                headers.get(HttpHeader.IF_MODIFIED_SINCE), headers.get(HttpHeader.ACCEPT_ENCODING));
        Prepared answer = PREPARED.get(rendered, Prepared::all)[Prepared.index(choice)];
        response.setStatus(answer.status());
        HttpFields.Mutable fields = response.getHeaders();
        for (HttpField field : answer.headers()) {
            fields.add(field);
        }
        if (answer.status() == 200) {
            fields.put(HttpHeader.CONTENT_LENGTH, answer.body().length); // as a number: HEAD keeps it, Jetty would not
        }
        response.write(true, head ? BufferUtil.EMPTY_BUFFER : ByteBuffer.wrap(answer.body()), callback);
    }

    /**
     * One of a representation's four answers ({@link ConditionalGet.Choice}) with its headers
     * encoded for the wire once: formatting the date and copying each header byte by byte on every
     * request was a fifth of the cost of a 304 (a JFR profile of bench/pages). Kept as long as the
     * cache keeps the representation (weak keys: compared by identity, gone with it).
     */
    private record Prepared(int status, HttpField[] headers, byte[] body) {
        static int index(ConditionalGet.Choice choice) {
            return (choice.notModified() ? 2 : 0) + (choice.gzip() ? 1 : 0);
        }

        static Prepared[] all(Rendered rendered) {
            Prepared[] all = new Prepared[4];
            for (boolean notModified : new boolean[] {false, true}) {
                for (boolean gzip : new boolean[] {false, true}) {
                    ConditionalGet.Choice choice = new ConditionalGet.Choice(notModified, gzip);
                    ConditionalGet.Answer answer = ConditionalGet.answer(rendered, choice, false);
                    HttpField[] fields = answer.headers().entrySet().stream()
                            .filter(h -> !h.getKey().equals(HttpHeader.CONTENT_LENGTH.asString()))
                            .map(h -> new PreEncodedHttpField(h.getKey(), h.getValue())).toArray(HttpField[]::new);
                    all[index(choice)] = new Prepared(answer.status(), fields, answer.body());
                }
            }
            return all;
        }
    }

    private static final Cache<Rendered, Prepared[]> PREPARED = Caffeine.newBuilder().weakKeys().build();

    /**
     * A bare Jetty handler put in front of Javalin's: answers GET and HEAD it has an answer for;
     * every other request falls through to Javalin untouched. A failure to find the answer is
     * logged and answered with a plain 500, as Javalin's routes do.
     */
    abstract static class Handler extends org.eclipse.jetty.server.Handler.Wrapper {
        private final Logger log;

        Handler(Logger log) {
            this.log = log;
        }

        /** The answer to this GET or HEAD, or empty to let Javalin answer it. */
        abstract Optional<CachedAnswer> answer(Request request);

        /** Puts this handler in front of the server's (Javalin nests its servlet context in the innermost wrapper). */
        void installIn(Server server) {
            setHandler(server.getHandler());
            server.setHandler(this);
        }

        @Override
        public boolean handle(Request request, Response response, Callback callback) throws Exception {
            String method = request.getMethod();
            boolean head = HttpMethod.HEAD.is(method);
            if (!head && !HttpMethod.GET.is(method)) {
                return super.handle(request, response, callback);
            }
            Optional<CachedAnswer> answer;
            try {
                answer = answer(request);
            } catch (RuntimeException e) {
                log.error("GET {} failed", request.getHttpURI().getPath(), e);
                answer = Optional.of(plain(500, "Internal error; the log has the details."));
            }
            if (answer.isEmpty()) {
                return super.handle(request, response, callback);
            }
            answer.get().write(request, response, callback, head);
            return true;
        }
    }
}
