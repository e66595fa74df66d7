package org.rundbrief.web;

import java.nio.ByteBuffer;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.UnsupportedCharsetException;
import java.util.Collections;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.http.PreEncodedHttpField;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.thread.Invocable.InvocationType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The door every request passes before any route: a client may have only so many requests in
 * progress; form bodies are read without holding a thread, within a size limit checked while
 * reading and a deadline, and only then handed to the routes (which then never wait for a slow
 * client). Public routes take {@code application/x-www-form-urlencoded} bodies only, plus the
 * small {@code multipart/form-data} body RFC 8058 one-click unsubscribes may send. A request that
 * is turned away costs one short log line, never a stack trace.
 */
final class RequestGate extends Handler.Wrapper {
    private static final Logger log = LoggerFactory.getLogger(RequestGate.class);
    private static final String FORM = "application/x-www-form-urlencoded";
    private static final String MULTIPART = "multipart/form-data";

    private final HttpLimits limits;
    private final ClientAddress clients;
    private final InFlight inFlight;

    RequestGate(HttpLimits limits, ClientAddress clients) {
        this.limits = limits;
        this.clients = clients;
        this.inFlight = new InFlight(limits.requestsPerClient());
    }

    /** Nothing here waits: a body is read asynchronously, and what may wait behind runs on a pool thread. */
    @Override
    public InvocationType getInvocationType() {
        return InvocationType.NON_BLOCKING;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        String client = clients.of(Request.getRemoteAddr(request),
                Collections.enumeration(request.getHeaders().getValuesList("X-Forwarded-For")));
        String path = Request.getPathInContext(request);
        String limited = ClientAddress.limitKey(client);
        if (!inFlight.enter(limited)) {
            return refuse(request, response, callback, client, HttpStatus.TOO_MANY_REQUESTS_429,
                    "too many requests at once from this address");
        }
        Turn turn = new Turn(callback, () -> inFlight.leave(limited));
        boolean handled = false;
        try {
            handled = admitted(request, response, turn, client, path);
            return handled;
        } finally {
            if (!handled) {
                turn.end(); // no route took it (or one threw): Jetty answers without our callback
            }
        }
    }

    /** {@link #handle} of a request within its client's limit; {@code callback} ends its turn. */
    private boolean admitted(Request request, Response response, Callback callback, String client, String path)
            throws Exception {
        securityHeaders(path, response.getHeaders());
        long length = request.getLength();
        boolean hasBody = length > 0 || (length < 0 && request.getHeaders().contains(HttpHeader.TRANSFER_ENCODING));
        if (!hasBody) {
            return super.handle(request, response, callback);
        }
        try {
            Request.getCharset(request);
        } catch (IllegalCharsetNameException | UnsupportedCharsetException e) {
            // every route, the API's too: its JSON reader answered with the bare charset name
            return refuse(request, response, callback, client, HttpStatus.BAD_REQUEST_400,
                    "unknown charset " + e.getMessage() + " in Content-Type (send UTF-8)");
        }
        boolean admin = isAdmin(path);
        String type = mediaType(request);
        boolean form = FORM.equals(type);
        if (admin && !form) {
            return super.handle(request, response, callback); // uploads: the admin routes check who asks first
        }
        if (!admin && !form && !(MULTIPART.equals(type) && path.startsWith("/unsubscribe/"))) {
            return refuse(request, response, callback, client, HttpStatus.UNSUPPORTED_MEDIA_TYPE_415,
                    "this form takes " + FORM + " only");
        }
        int max = admin ? limits.adminFormBytes() : limits.formBytes();
        if (length > max) {
            return refuse(request, response, callback, client, HttpStatus.PAYLOAD_TOO_LARGE_413,
                    "body of " + length + " bytes, at most " + max + " taken");
        }
        readThenHandle(request, response, callback, client, max);
        return true;
    }

    /** Reads the whole body without a thread waiting for it, then runs the routes on a pool thread. */
    private void readThenHandle(Request request, Response response, Callback callback, String client, int max) {
        AtomicBoolean late = new AtomicBoolean();
        long deadline = limits.bodyDeadline(request.getLength()).toMillis();
        var timer = request.getComponents().getScheduler().schedule(() -> {
            late.set(true);
            request.fail(new TimeoutException("body too slow"));
        }, deadline, TimeUnit.MILLISECONDS);
        Content.Source.asByteArrayAsync(request, max + 1).whenComplete((body, failure) -> {
            timer.cancel();
            if (failure != null) {
                Throwable cause = failure instanceof CompletionException && failure.getCause() != null
                        ? failure.getCause() : failure;
                if (Request.getContentBytesRead(request) > max) {
                    refuse(request, response, callback, client, HttpStatus.PAYLOAD_TOO_LARGE_413,
                            "body over " + max + " bytes");
                } else if (late.get()) {
                    refuse(request, response, callback, client, HttpStatus.REQUEST_TIMEOUT_408,
                            "body not complete after " + deadline / 1000 + " s");
                } else {
                    // The client hung up mid-body or sent a malformed one (a bad chunk): its fault, so
                    // one line and a 400 (the connection may be gone), never Jetty's 500 with a stack trace.
                    refuse(request, response, callback, client, HttpStatus.BAD_REQUEST_400,
                            "body incomplete or malformed: " + cause.getMessage());
                }
                return;
            }
            byte[] form = body;
            String type = request.getHeaders().get(HttpHeader.CONTENT_TYPE);
            if (MULTIPART.equals(mediaType(request))) {
                Optional<byte[]> oneClick = OneClickForm.of(request.getHeaders().get(HttpHeader.CONTENT_TYPE), body);
                if (oneClick.isEmpty()) {
                    refuse(request, response, callback, client, HttpStatus.BAD_REQUEST_400, "bad multipart body");
                    return;
                }
                form = oneClick.get();
                type = FORM;
            }
            ReadRequest read = new ReadRequest(request, form, type);
            request.getContext().execute(() -> {
                Once once = new Once(callback);
                try {
                    if (!super.handle(read, response, once)) {
                        Response.writeError(request, response, once, HttpStatus.NOT_FOUND_404);
                    }
                } catch (Throwable t) {
                    if (!once.done()) { // a route may throw after it has answered (Jetty ignores that too)
                        Response.writeError(request, response, once, t);
                    }
                }
            });
        });
    }

    private static boolean refuse(Request request, Response response, Callback callback, String client, int status,
                                  String why) {
        log.warn("{} {} from {}: {} ({})", request.getMethod(), WebServer.loggable(Request.getPathInContext(request)),
                client, status, why);
        response.getHeaders().put(HttpHeader.CONNECTION, "close");
        Response.writeError(request, response, callback, status, why);
        return true;
    }

    /**
     * Public pages load nothing but their own inline styles and images, and are framed by nobody
     * (clickjacking); member links never leak through a Referer (their path is the member's key);
     * pages showing a member's data are not kept in any cache.
     */
    private static void securityHeaders(String path, HttpFields.Mutable headers) {
        headers.add(NO_SNIFFING);
        headers.add(NO_REFERRER);
        headers.add(isAdmin(path) ? ADMIN_FRAMES : PUBLIC_CONTENT);
        if (WebServer.isMemberLink(path)) {
            headers.add(NO_STORE);
        }
    }

    // Encoded for the wire once (every answer carries them; encoding them per request cost a 304 ~5 %).
    private static final HttpField NO_SNIFFING = new PreEncodedHttpField("X-Content-Type-Options", "nosniff");
    private static final HttpField NO_REFERRER = new PreEncodedHttpField("Referrer-Policy", "no-referrer");
    private static final HttpField ADMIN_FRAMES = new PreEncodedHttpField("Content-Security-Policy",
            "frame-ancestors 'self'");
    private static final HttpField PUBLIC_CONTENT = new PreEncodedHttpField("Content-Security-Policy",
            "default-src 'none'; style-src 'unsafe-inline'; img-src * data:; base-uri 'none'; frame-ancestors 'none'");
    private static final HttpField NO_STORE = new PreEncodedHttpField(HttpHeader.CACHE_CONTROL, "no-store");

    static boolean isAdmin(String path) {
        return path.equals("/admin") || path.startsWith("/admin/") || path.startsWith("/api/") || path.startsWith("/dev/");
    }

    private static String mediaType(Request request) {
        String type = request.getHeaders().get(HttpHeader.CONTENT_TYPE);
        if (type == null) {
            return "";
        }
        int semicolon = type.indexOf(';');
        return (semicolon < 0 ? type : type.substring(0, semicolon)).strip().toLowerCase(Locale.ROOT);
    }

    /**
     * The request with its form body already read (as {@code application/x-www-form-urlencoded}):
     * the routes get it at once, whatever the client's speed.
     */
    private static final class ReadRequest extends Request.Wrapper {
        private final Content.Source body;
        private final long length;
        private final HttpFields headers;

        ReadRequest(Request request, byte[] body, String contentType) {
            super(request);
            this.body = Content.Source.from(ByteBuffer.wrap(body));
            this.length = body.length;
            this.headers = HttpFields.build(request.getHeaders()).remove(HttpHeader.TRANSFER_ENCODING)
                    .put(HttpHeader.CONTENT_LENGTH, String.valueOf(length))
                    .put(HttpHeader.CONTENT_TYPE, contentType).asImmutable();
        }

        @Override
        public HttpFields getHeaders() {
            return headers;
        }

        @Override
        public long getLength() {
            return length;
        }

        @Override
        public Content.Chunk read() {
            return body.read();
        }

        @Override
        public void demand(Runnable demandCallback) {
            body.demand(demandCallback);
        }

        @Override
        public void fail(Throwable failure) {
            body.fail(failure);
        }
    }

    /** The request's callback, remembering whether it was completed. */
    private static final class Once extends Callback.Nested {
        private final AtomicBoolean done = new AtomicBoolean();

        Once(Callback callback) {
            super(callback);
        }

        boolean done() {
            return done.get();
        }

        @Override
        public void succeeded() {
            if (done.compareAndSet(false, true)) {
                super.succeeded();
            }
        }

        @Override
        public void failed(Throwable x) {
            if (done.compareAndSet(false, true)) {
                super.failed(x);
            }
        }
    }

    /**
     * The request's callback, ending the client's turn first (so its next request on the same
     * connection finds the turn free) and once, however often it is completed.
     */
    private static final class Turn extends Callback.Nested {
        private final AtomicBoolean ended = new AtomicBoolean();
        private final Runnable leave;

        Turn(Callback callback, Runnable leave) {
            super(callback);
            this.leave = leave;
        }

        void end() {
            if (ended.compareAndSet(false, true)) {
                leave.run();
            }
        }

        @Override
        public void succeeded() {
            end();
            super.succeeded();
        }

        @Override
        public void failed(Throwable x) {
            end();
            super.failed(x);
        }
    }

    /** Requests in progress per client; a client at its limit is turned away until one ends. */
    private static final class InFlight {
        private final int max;
        private final java.util.concurrent.ConcurrentHashMap<String, Integer> counts = new java.util.concurrent.ConcurrentHashMap<>();

        InFlight(int max) {
            this.max = max;
        }

        boolean enter(String client) {
            if (counts.merge(client, 1, Integer::sum) <= max) {
                return true;
            }
            leave(client); // over the limit for an instant: never more than max requests admitted
            return false;
        }

        void leave(String client) {
            counts.computeIfPresent(client, (k, n) -> n <= 1 ? null : n - 1);
        }
    }
}
