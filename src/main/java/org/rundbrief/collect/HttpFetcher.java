package org.rundbrief.collect;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.rundbrief.article.ArticleStore;
import org.rundbrief.config.Config;

/**
 * Polite, paranoid HTTP GET for sources: conditional requests with the stored validators
 * (RFC 9110 §13.1: If-None-Match, If-Modified-Since → 304), one overall deadline per request
 * (a stalled server cannot hold a collect run), at most {@value #MAX_REDIRECTS} redirects each
 * re-checked by {@link AddressGuard}, a body cap enforced while streaming, and a User-Agent that
 * names rundbrief and where to find its operator.
 */
public final class HttpFetcher {
    static final int MAX_REDIRECTS = 5;

    /** Built on first use: creating one sets up TLS (~0.4 s), which CLI commands that fetch nothing skip. */
    private volatile HttpClient client;
    private final AddressGuard guard;
    private final Duration timeout;
    private final long maxBytes;
    private final String userAgent;

    public HttpFetcher(Config.Collect collect, String userAgent) {
        this.timeout = Duration.ofSeconds(collect.timeoutSeconds());
        this.maxBytes = collect.maxBytes();
        this.guard = new AddressGuard(collect.allowPrivateNetworks());
        this.userAgent = userAgent;
    }

    private HttpClient client() {
        HttpClient c = client;
        if (c == null) {
            synchronized (this) {
                c = client;
                if (c == null) {
                    // Redirects are followed by hand so that each target is checked before it is contacted.
                    client = c = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
                            .connectTimeout(timeout).build();
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
            HttpResponse<byte[]> response = send(request(uri, previous, accept));
            int status = response.statusCode();
            if (status >= 300 && status < 400 && status != 304) {
                String location = response.headers().firstValue("Location")
                        .orElseThrow(() -> new CollectException("HTTP " + status + " without Location from " + start));
                uri = uri.resolve(location.trim());
                continue;
            }
            if (status == 304) {
                return new Response(uri, 304, new byte[0], null, validators(response.headers(), previous));
            }
            if (status != 200) {
                throw new CollectException("HTTP " + status + " from " + uri);
            }
            return new Response(uri, 200, response.body(), response.headers().firstValue("Content-Type").orElse(null),
                    validators(response.headers(), ArticleStore.SourceState.NONE));
        }
        throw new CollectException("more than " + MAX_REDIRECTS + " redirects from " + start);
    }

    private HttpRequest request(URI uri, ArticleStore.SourceState previous, String accept) {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri).GET().timeout(timeout)
                .header("User-Agent", userAgent).header("Accept", accept);
        if (previous.etag() != null) {
            b.header("If-None-Match", previous.etag());
        }
        if (previous.lastModified() != null) {
            b.header("If-Modified-Since", previous.lastModified());
        }
        return b.build();
    }

    private HttpResponse<byte[]> send(HttpRequest request) throws CollectException {
        CompletableFuture<HttpResponse<byte[]>> future = client().sendAsync(request, info ->
                info.statusCode() == 200 ? new CappedBody(maxBytes, info.headers()) : HttpResponse.BodySubscribers.replacing(new byte[0]));
        try {
            return future.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            future.cancel(true);
            throw new CollectException("no complete answer from " + request.uri() + " within " + timeout.toSeconds() + " s");
        } catch (InterruptedException e) {
            future.cancel(true);
            Thread.currentThread().interrupt();
            throw new CollectException("interrupted while fetching " + request.uri());
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            while (cause.getCause() != null && !(cause instanceof BodyTooLarge)) {
                cause = cause.getCause();
            }
            if (cause instanceof BodyTooLarge) {
                throw new CollectException(request.uri() + " sent more than collect.maxBytes = " + maxBytes + " bytes");
            }
            if (cause instanceof java.net.http.HttpTimeoutException) {
                // The client's own request timeout can fire before future.get's (same length): same reason.
                throw new CollectException("no complete answer from " + request.uri() + " within " + timeout.toSeconds() + " s");
            }
            throw new CollectException(inWords(request.uri(), e.getCause()), cause);
        }
    }

    /**
     * A network failure as a person reads it: "connection refused by verein.example.org:443",
     * "unknown host verein.example.org", not the JDK's ClosedChannelException. The causes are
     * searched from the outside in, as the HTTP client wraps them differently per failure.
     */
    static String inWords(URI uri, Throwable failure) {
        String host = uri.getHost();
        int port = uri.getPort() != -1 ? uri.getPort() : "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof java.net.UnknownHostException || t instanceof java.nio.channels.UnresolvedAddressException) {
                return "unknown host " + host + " (check the URL " + uri + ")";
            }
        }
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof java.net.ConnectException) {
                return "connection refused by " + host + ":" + port + " (" + uri + ")";
            }
            if (t instanceof javax.net.ssl.SSLException) {
                return "TLS with " + host + ":" + port + " failed: " + t.getMessage() + " (" + uri + ")";
            }
        }
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof java.nio.channels.ClosedChannelException || t instanceof java.io.EOFException) {
                return "connection to " + host + ":" + port + " closed before an answer (" + uri + ")";
            }
        }
        Throwable root = failure;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        String message = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
        return "cannot fetch " + uri + ": " + message;
    }

    /** Keeps the validators of a 200 (or the previous ones on a 304 that repeats none). */
    private static ArticleStore.SourceState validators(HttpHeaders headers, ArticleStore.SourceState fallback) {
        String etag = headers.firstValue("ETag").filter(v -> v.length() <= 500).orElse(fallback.etag());
        String lastModified = headers.firstValue("Last-Modified").filter(v -> v.length() <= 100).orElse(fallback.lastModified());
        return new ArticleStore.SourceState(etag, lastModified);
    }

    private static final class BodyTooLarge extends RuntimeException {
        BodyTooLarge() {
            super("body too large", null, false, false);
        }
    }

    /** Collects the body but cancels the exchange as soon as it (or its Content-Length) passes the cap. */
    private static final class CappedBody implements HttpResponse.BodySubscriber<byte[]> {
        private static final int MAX_ARRAY = Integer.MAX_VALUE - 8;
        private final CompletableFuture<byte[]> result = new CompletableFuture<>();
        private final long maxBytes;
        private final long announced;
        private byte[] buffer;
        private int size;
        private Flow.Subscription subscription;

        CappedBody(long maxBytes, HttpHeaders headers) {
            this.maxBytes = maxBytes;
            this.announced = headers.firstValueAsLong("Content-Length").orElse(-1);
        }

        @Override
        public void onSubscribe(Flow.Subscription s) {
            subscription = s;
            if (announced > maxBytes) {
                s.cancel();
                result.completeExceptionally(new BodyTooLarge());
                return;
            }
            buffer = new byte[announced >= 0 && announced <= MAX_ARRAY ? (int) announced : 64 * 1024];
            s.request(Long.MAX_VALUE);
        }

        @Override
        public void onNext(List<ByteBuffer> items) {
            if (result.isDone()) {
                return;
            }
            for (ByteBuffer item : items) {
                int n = item.remaining();
                if (size + (long) n > maxBytes || size + (long) n > MAX_ARRAY) {
                    subscription.cancel();
                    buffer = null;
                    result.completeExceptionally(new BodyTooLarge());
                    return;
                }
                if (size + n > buffer.length) {
                    buffer = java.util.Arrays.copyOf(buffer, (int) Math.min(Math.min(maxBytes, MAX_ARRAY), Math.max(size + n, 2L * buffer.length)));
                }
                item.get(buffer, size, n);
                size += n;
            }
        }

        @Override
        public void onError(Throwable t) {
            result.completeExceptionally(t);
        }

        @Override
        public void onComplete() {
            if (!result.isDone()) {
                // With a correct Content-Length the buffer is already exact: no second 10 MB copy.
                result.complete(size == buffer.length ? buffer : java.util.Arrays.copyOf(buffer, size));
            }
        }

        @Override
        public CompletionStage<byte[]> getBody() {
            return result;
        }
    }
}
