package org.rundbrief.collect;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javax.net.ssl.SSLContext;
import org.eclipse.jetty.client.HttpClient;
import org.eclipse.jetty.client.InputStreamResponseListener;
import org.eclipse.jetty.client.Request;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.eclipse.jetty.util.thread.ScheduledExecutorScheduler;
import org.rundbrief.article.ArticleStore;
import org.rundbrief.article.SourceNote;
import org.rundbrief.config.Config;

/**
 * Polite, paranoid HTTP GET for sources: conditional requests with the stored validators
 * (RFC 9110 §13.1: If-None-Match, If-Modified-Since → 304), one overall deadline per request
 * (a stalled server cannot hold a collect run), at most {@value #MAX_REDIRECTS} redirects, a body
 * cap enforced while reading, and a User-Agent that names rundbrief and where to find its operator.
 *
 * <p>Jetty's client rather than the JDK's: only it lets us resolve the host ourselves, so the
 * connection of every hop goes to exactly the addresses {@link AddressGuard} checked
 * ({@link PinnedResolver}; issue #23, DNS rebinding). Redirects are followed here, by hand, so each
 * target is checked before it is contacted.
 */
public final class HttpFetcher implements AutoCloseable {
    static final int MAX_REDIRECTS = 5;
    private static final int MAX_ARRAY = Integer.MAX_VALUE - 8;

    /** Started on first use: starting one sets up TLS and threads, which CLI commands that fetch nothing skip. */
    private volatile HttpClient client;
    private final AddressGuard guard;
    private final Duration timeout;
    private final long maxBytes;
    private final String userAgent;
    private final SSLContext trust;

    public HttpFetcher(Config.Collect collect, String userAgent) {
        this(collect, userAgent, new AddressGuard(collect.allowPrivateNetworks()), null);
    }

    /** {@code trust}: the certificates to trust, null for the JDK's (tests bring their own authority). */
    HttpFetcher(Config.Collect collect, String userAgent, AddressGuard guard, SSLContext trust) {
        this.timeout = Duration.ofSeconds(collect.timeoutSeconds());
        this.maxBytes = collect.maxBytes();
        this.guard = guard;
        this.userAgent = userAgent;
        this.trust = trust;
    }

    private HttpClient client() throws CollectException {
        HttpClient c = client;
        if (c == null) {
            synchronized (this) {
                c = client;
                if (c == null) {
                    c = new HttpClient();
                    if (trust != null) {
                        SslContextFactory.Client tls = new SslContextFactory.Client();
                        tls.setSslContext(trust);
                        c.setSslContextFactory(tls);
                    }
                    c.setFollowRedirects(false);
                    c.setSocketAddressResolver(new PinnedResolver(guard));
                    c.setConnectTimeout(timeout.toMillis());
                    c.setIdleTimeout(timeout.toMillis());
                    c.setUserAgentField(new HttpField(HttpHeader.USER_AGENT, userAgent));
                    // daemon threads: a CLI command that forgets to close us still exits
                    QueuedThreadPool threads = new QueuedThreadPool(16, 0);
                    threads.setName("fetch");
                    threads.setDaemon(true);
                    c.setExecutor(threads);
                    c.setScheduler(new ScheduledExecutorScheduler("fetch-timer", true));
                    try {
                        c.start();
                    } catch (Exception e) {
                        throw new CollectException(SourceNote.of("clientStart", "cannot start the HTTP client: {detail}", "detail", e.getMessage()), e);
                    }
                    client = c;
                }
            }
        }
        return c;
    }

    /** A 200 with its body, or a 304 (empty body) for an unchanged resource. */
    public record Response(URI uri, int status, byte[] body, String contentType, ArticleStore.SourceState validators) {
        public boolean notModified() {
            return status == 304;
        }
    }

    public Response get(URI start, ArticleStore.SourceState previous, String accept) throws CollectException {
        URI uri = start;
        for (int hop = 0; hop <= MAX_REDIRECTS; hop++) {
            guard.check(uri);
            Exchange exchange = send(request(uri, previous, accept));
            int status = exchange.head.getStatus();
            HttpFields headers = exchange.head.getHeaders();
            if (status == 200) {
                byte[] body = exchange.body(uri);
                return new Response(uri, 200, body, headers.get(HttpHeader.CONTENT_TYPE),
                        validators(headers, ArticleStore.SourceState.NONE));
            }
            exchange.discard();
            if (status >= 300 && status < 400 && status != 304) {
                String location = headers.get(HttpHeader.LOCATION);
                if (location == null) {
                    throw new CollectException(SourceNote.of("redirectWithoutLocation", "HTTP {status} without Location from {url}",
                            "status", status, "url", start));
                }
                uri = uri.resolve(location.trim());
                continue;
            }
            if (status == 304) {
                return new Response(uri, 304, new byte[0], null, validators(headers, previous));
            }
            throw new CollectException(SourceNote.of("httpStatus", "HTTP {status} from {url}", "status", status, "url", uri));
        }
        throw new CollectException(SourceNote.of("tooManyRedirects", "more than {max} redirects from {url}", "max", MAX_REDIRECTS,
                "url", start));
    }

    private Request request(URI uri, ArticleStore.SourceState previous, String accept) throws CollectException {
        return client().newRequest(uri).timeout(timeout.toMillis(), TimeUnit.MILLISECONDS).headers(h -> {
            h.put(HttpHeader.ACCEPT, accept);
            if (previous.etag() != null) {
                h.put(HttpHeader.IF_NONE_MATCH, previous.etag());
            }
            if (previous.lastModified() != null) {
                h.put(HttpHeader.IF_MODIFIED_SINCE, previous.lastModified());
            }
        });
    }

    private Exchange send(Request request) throws CollectException {
        InputStreamResponseListener listener = new InputStreamResponseListener();
        request.send(listener);
        try {
            return new Exchange(request, listener, listener.get(timeout.toMillis(), TimeUnit.MILLISECONDS));
        } catch (TimeoutException e) {
            request.abort(e);
            throw noAnswer(request.getURI());
        } catch (InterruptedException e) {
            request.abort(e);
            Thread.currentThread().interrupt();
            throw new CollectException(SourceNote.of("interrupted", "interrupted while fetching {url}", "url", request.getURI()));
        } catch (ExecutionException e) {
            throw failed(request.getURI(), e.getCause());
        }
    }

    private CollectException noAnswer(URI uri) {
        return new CollectException(SourceNote.of("timeout", "no complete answer from {url} within {seconds} s", "url", uri,
                "seconds", timeout.toSeconds()));
    }

    /** A refusal of the guard as it is; a timeout as one; any other failure in words. */
    private CollectException failed(URI uri, Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof CollectException refused) {
                return refused;
            }
            if (t instanceof TimeoutException) {
                return noAnswer(uri);
            }
        }
        return new CollectException(inWords(uri, failure), failure);
    }

    /** A response whose head has arrived; its body is read (capped) or discarded. */
    private final class Exchange {
        final Request request;
        final InputStreamResponseListener listener;
        final org.eclipse.jetty.client.Response head;

        Exchange(Request request, InputStreamResponseListener listener, org.eclipse.jetty.client.Response head) {
            this.request = request;
            this.listener = listener;
            this.head = head;
        }

        /** The whole body, or a failure as soon as it (or its Content-Length) passes collect.maxBytes. */
        byte[] body(URI uri) throws CollectException {
            long announced = head.getHeaders().getLongField(HttpHeader.CONTENT_LENGTH);
            if (announced > maxBytes) {
                tooLarge();
            }
            try (InputStream in = listener.getInputStream()) {
                // Sized by Content-Length when there is one: a correct one needs no copy at the end.
                byte[] buffer = new byte[announced >= 0 ? (int) announced : 64 * 1024];
                int size = 0;
                while (true) {
                    if (size == buffer.length) {
                        int next = in.read();
                        if (next == -1) {
                            return buffer;
                        }
                        buffer = Arrays.copyOf(buffer, (int) Math.min(MAX_ARRAY, Math.max(1024, 2L * buffer.length)));
                        buffer[size++] = (byte) next;
                    }
                    int n = in.read(buffer, size, buffer.length - size);
                    if (n == -1) {
                        return Arrays.copyOf(buffer, size);
                    }
                    size += n;
                    if (size > maxBytes || size >= MAX_ARRAY) {
                        tooLarge();
                    }
                }
            } catch (IOException e) {
                request.abort(e);
                throw failed(uri, e);
            }
        }

        private void tooLarge() throws CollectException {
            CollectException e = new CollectException(SourceNote.of("tooLarge", "{url} sent more than collect.maxBytes = {max} bytes",
                    "url", request.getURI(), "max", maxBytes));
            request.abort(e);
            throw e;
        }

        /** Not read: the connection is given up rather than drained (a redirect or error page may be endless). */
        void discard() {
            request.abort(new IOException("body not needed"));
        }
    }

    /** Stops the client's threads and closes its connections. */
    @Override
    public void close() {
        HttpClient c = client;
        if (c != null) {
            try {
                c.stop();
            } catch (Exception e) {
                // stopping closes sockets; a failure to do so leaves nothing we could act on
            }
        }
    }
    /**
     * A network failure as a person reads it: "connection refused by verein.example.org:443",
     * "unknown host verein.example.org", not the JDK's ClosedChannelException. The causes are
     * searched from the outside in, as the HTTP client wraps them differently per failure.
     */
    static SourceNote inWords(URI uri, Throwable failure) {
        String host = uri.getHost();
        int port = uri.getPort() != -1 ? uri.getPort() : "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof java.net.UnknownHostException || t instanceof java.nio.channels.UnresolvedAddressException) {
                return SourceNote.of("unknownHostOfUrl", "unknown host {host} (check the URL {url})", "host", host, "url", uri);
            }
        }
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof java.net.ConnectException) {
                return SourceNote.of("connectionRefused", "connection refused by {host}:{port} ({url})", "host", host, "port", port,
                        "url", uri);
            }
            if (t instanceof javax.net.ssl.SSLException) {
                return SourceNote.of("tls", "TLS with {host}:{port} failed: {detail} ({url})", "host", host, "port", port,
                        "detail", t.getMessage(), "url", uri);
            }
        }
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof java.nio.channels.ClosedChannelException || t instanceof java.io.EOFException) {
                return SourceNote.of("closed", "connection to {host}:{port} closed before an answer ({url})", "host", host,
                        "port", port, "url", uri);
            }
        }
        Throwable root = failure;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        String message = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
        return SourceNote.of("fetchFailed", "cannot fetch {url}: {detail}", "url", uri, "detail", message);
    }

    /** Keeps the validators of a 200 (or the previous ones on a 304 that repeats none). */
    private static ArticleStore.SourceState validators(HttpFields headers, ArticleStore.SourceState fallback) {
        String etag = headers.get(HttpHeader.ETAG);
        String lastModified = headers.get(HttpHeader.LAST_MODIFIED);
        return new ArticleStore.SourceState(etag != null && etag.length() <= 500 ? etag : fallback.etag(),
                lastModified != null && lastModified.length() <= 100 ? lastModified : fallback.lastModified());
    }
}
