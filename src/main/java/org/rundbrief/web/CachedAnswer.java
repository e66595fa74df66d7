package org.rundbrief.web;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.function.Supplier;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.http.PreEncodedHttpField;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.util.BufferUtil;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.thread.Invocable.InvocationType;
import org.rundbrief.cache.ConditionalGet;
import org.rundbrief.cache.Rendered;
import org.rundbrief.store.StoreException;
import org.slf4j.Logger;

/**
 * An answer of the hot paths in front of Javalin (feeds and public pages): a cached representation,
 * or a short error. The cache package decides the representation's answer
 * ({@link ConditionalGet}); this only copies it onto a bare Jetty response.
 */
final class CachedAnswer {
    private final Rendered rendered;
    private final int status;
    private final String message;
    private final String contentType;
    /** The Retry-After header's seconds, or null for none. */
    private final String retryAfter;

    private CachedAnswer(Rendered rendered, int status, String message, String contentType, String retryAfter) {
        this.rendered = rendered;
        this.status = status;
        this.message = message;
        this.contentType = contentType;
        this.retryAfter = retryAfter;
    }

    static CachedAnswer of(Rendered rendered) {
        return new CachedAnswer(rendered, 200, null, null, null);
    }

    /** Same answer as WebServer's mapping for Javalin routes: plain text. */
    static CachedAnswer plain(int status, String message) {
        return new CachedAnswer(null, status, message, "text/plain; charset=utf-8", null);
    }

    /** The database is away: as WebServer's mapping answers it ({@link DatabaseAway}). */
    static CachedAnswer databaseAway(String path) {
        return new CachedAnswer(null, DatabaseAway.STATUS, DatabaseAway.body(path), DatabaseAway.contentType(path),
                DatabaseAway.RETRY_AFTER_SECONDS);
    }

    private void write(Request request, Response response, Callback callback, boolean head) {
        if (rendered == null) {
            response.setStatus(status);
            response.getHeaders().put(HttpHeader.CONTENT_TYPE, contentType);
            if (retryAfter != null) {
                response.getHeaders().put(HttpHeader.RETRY_AFTER, retryAfter);
            }
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
     * every other request falls through to Javalin untouched. An answer already rendered is written
     * on the thread that read the request (no hand-over to another thread, as nginx serves a file);
     * one that must be rendered first (the database, templates) is made on a pool thread, so that
     * no connection waits for another's rendering. A failure to find the answer is logged and
     * answered with a plain 500 (a 503 page while the database is away), as Javalin's routes do.
     */
    abstract static class Handler extends org.eclipse.jetty.server.Handler.Wrapper {
        private final Logger log;

        Handler(Logger log) {
            this.log = log;
        }

        /** What this handler makes of a GET or HEAD; empty to let Javalin answer it. */
        abstract Optional<Lookup> lookup(Request request);

        /** Puts this handler in front of the server's (Javalin nests its servlet context in the innermost wrapper). */
        void installIn(Server server) {
            setHandler(server.getHandler());
            server.setHandler(this);
        }

        @Override
        public InvocationType getInvocationType() {
            return InvocationType.NON_BLOCKING; // what may wait goes to the pool (render below, Javalin: WorkerThreads)
        }

        @Override
        public boolean handle(Request request, Response response, Callback callback) throws Exception {
            String method = request.getMethod();
            boolean head = HttpMethod.HEAD.is(method);
            if (!head && !HttpMethod.GET.is(method)) {
                return super.handle(request, response, callback);
            }
            Optional<Lookup> lookup;
            try {
                lookup = lookup(request);
            } catch (RuntimeException e) {
                lookup = Optional.of(Lookup.ready(failed(request, e)));
            }
            if (lookup.isEmpty()) {
                return super.handle(request, response, callback);
            }
            Lookup found = lookup.get();
            if (found.ready() != null) {
                found.ready().write(request, response, callback, head);
                return true;
            }
            request.getContext().execute(() -> renderThenWrite(found, request, response, callback, head));
            return true;
        }

        private void renderThenWrite(Lookup lookup, Request request, Response response, Callback callback,
                                     boolean head) {
            Optional<CachedAnswer> answer;
            try {
                answer = lookup.later().get();
            } catch (RuntimeException e) {
                answer = Optional.of(failed(request, e));
            }
            if (answer.isPresent()) {
                answer.get().write(request, response, callback, head);
                return;
            }
            try { // not ours after all (e.g. no such article): Javalin's route answers
                if (!super.handle(request, response, callback)) {
                    Response.writeError(request, response, callback, HttpStatus.NOT_FOUND_404);
                }
            } catch (Throwable t) {
                Response.writeError(request, response, callback, t);
            }
        }

        private CachedAnswer failed(Request request, RuntimeException e) {
            Optional<StoreException> away = DatabaseAway.in(e);
            if (away.isPresent()) {
                DatabaseAway.log(log, "GET", request.getHttpURI().getPath(), away.get());
                return databaseAway(request.getHttpURI().getPath());
            }
            log.error("GET {} failed", request.getHttpURI().getPath(), e);
            return plain(500, "Internal error; the log has the details.");
        }
    }

    /**
     * A cached answer found at once ({@code ready}), or the way to render it ({@code later}: may
     * wait for the database; empty when there is no such document, and Javalin answers).
     */
    record Lookup(CachedAnswer ready, Supplier<Optional<CachedAnswer>> later) {
        static Lookup ready(CachedAnswer answer) {
            return new Lookup(answer, null);
        }

        static Lookup later(Supplier<Optional<CachedAnswer>> render) {
            return new Lookup(null, render);
        }
    }
}
