package org.rundbrief.collect;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;

/** A real HTTP server on a loopback port serving fixtures; remembers the headers of every request. */
public final class FixtureServer implements AutoCloseable {
    private final HttpServer server;
    public final List<Headers> requests = new CopyOnWriteArrayList<>();

    public FixtureServer() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.setExecutor(Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "fixture-http");
            t.setDaemon(true);
            return t;
        }));
        server.start();
    }

    public String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    /** Serves {@code path} with {@code handler}, in place of whatever served it before. */
    public FixtureServer on(String path, HttpHandler handler) {
        try {
            server.removeContext(path);
        } catch (IllegalArgumentException notServedYet) {
            // nothing to replace
        }
        server.createContext(path, exchange -> {
            requests.add(exchange.getRequestHeaders());
            try (exchange) {
                handler.handle(exchange);
            }
        });
        return this;
    }

    /** Serves bytes with a content type. */
    public FixtureServer bytes(String path, String contentType, byte[] body) {
        return on(path, ex -> send(ex, 200, contentType, body));
    }

    /** Serves a test resource under /collect/. */
    public FixtureServer resource(String path, String contentType, String resource) {
        byte[] body = load(resource);
        return bytes(path, contentType, body);
    }

    public static byte[] load(String resource) {
        try (InputStream in = FixtureServer.class.getResourceAsStream("/collect/" + resource)) {
            if (in == null) {
                throw new IllegalArgumentException("no test resource " + resource);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static void send(HttpExchange ex, int status, String contentType, byte[] body) throws IOException {
        if (contentType != null) {
            ex.getResponseHeaders().set("Content-Type", contentType);
        }
        ex.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(body);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
