package org.rundbrief.web;

import io.javalin.Javalin;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.eclipse.jetty.http.HttpException;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.io.EofException;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.thread.Invocable.InvocationType;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.rundbrief.store.StoreException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP server. Each feature contributes its routes as a {@link Routes}; this class starts and
 * stops Jetty (through Javalin), puts the {@link RequestGate} and the per-address connection cap
 * in front of every route ({@link HttpLimits}), and maps uncaught errors: a client's mistake
 * (a bad body, a lost connection) is its 4xx and one log line; anything else a 500 with the trace.
 */
public final class WebServer implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(WebServer.class);
    /** Path segments after these are secrets (signed member links) and stay out of the log. */
    private static final Pattern TOKEN_PATH = Pattern.compile("^/(confirm|unsubscribe|preferences|undo)/[^/]+");

    /** A group of routes owned by one feature (feeds, subscriber pages, admin API, ...). */
    public interface Routes {
        void register(RoutesConfig routes);

        /** Optional Jetty-level hook for a hot path that must skip the framework (feeds; see FeedRoutes). */
        default void configureServer(org.eclipse.jetty.server.Server server) {}
    }

    private final Javalin javalin;
    private final HttpLimits limits;
    private final ClientAddress clients;
    private volatile String bind;
    private volatile int requestedPort;

    public WebServer(List<Routes> groups) {
        this(groups, HttpLimits.DEFAULT, new ClientAddress(List.of()));
    }

    public WebServer(List<Routes> groups, HttpLimits limits, ClientAddress clients) {
        this.limits = limits;
        this.clients = clients;
        javalin = Javalin.create(config -> {
            config.startup.showJavalinBanner = false;
            config.http.defaultContentType = "text/html; charset=utf-8";
            QueuedThreadPool pool = new QueuedThreadPool(limits.threads(), Math.min(8, limits.threads()), 60_000);
            pool.setName("http");
            config.jetty.threadPool = pool;
            for (Routes group : groups) {
                group.register(config.routes);
            }
            config.jetty.modifyServer(server -> {
                new OnPoolThread().installIn(server);
                groups.forEach(g -> g.configureServer(server));
                RequestGate gate = new RequestGate(limits, clients);
                gate.setHandler(server.getHandler());
                server.setHandler(gate);
            });
            config.jetty.addConnector(this::connector);
            config.routes.exception(Exception.class, WebServer::failed);
        });
    }

    /**
     * In front of Javalin's routes, which may wait (the database, a body, a template): they run on a
     * pool thread, so the handlers in front of them (the gate, the cached feeds and pages) can be
     * non-blocking and answer on the thread that read the request.
     */
    private static final class OnPoolThread extends Handler.Wrapper {
        void installIn(Server server) {
            setHandler(server.getHandler());
            server.setHandler(this);
        }

        @Override
        public InvocationType getInvocationType() {
            return InvocationType.NON_BLOCKING;
        }

        @Override
        public boolean handle(Request request, Response response, Callback callback) {
            request.getContext().execute(() -> {
                try {
                    if (!super.handle(request, response, callback)) {
                        Response.writeError(request, response, callback, HttpStatus.NOT_FOUND_404);
                    }
                } catch (Throwable t) {
                    Response.writeError(request, response, callback, t);
                }
            });
            return true;
        }
    }

    private ServerConnector connector(Server server, HttpConfiguration http) {
        http.setSendServerVersion(false);
        ServerConnector connector = new ServerConnector(server, new HttpConnectionFactory(http));
        connector.setHost(bind);
        connector.setPort(requestedPort);
        connector.setIdleTimeout(limits.idleTimeout().toMillis());
        connector.addBean(new ConnectionsPerAddress(limits.connectionsPerAddress(), clients));
        return connector;
    }

    private static void failed(Exception e, Context ctx) {
        String path = loggable(ctx.path());
        Throwable clientFault = clientFault(e);
        Optional<StoreException> away = DatabaseAway.in(e);
        if (clientFault instanceof HttpException http && http.getCode() < 500) {
            log.warn("{} {}: {} {}", ctx.method(), path, http.getCode(), clientFault.getMessage());
            ctx.status(http.getCode()).contentType("text/plain; charset=utf-8").result("Bad request: " + http.getReason());
        } else if (clientFault != null) {
            log.warn("{} {}: the client went away ({})", ctx.method(), path, clientFault.getMessage());
            ctx.status(400).contentType("text/plain; charset=utf-8").result("Incomplete request.");
        } else if (away.isPresent()) {
            DatabaseAway.log(log, ctx.method().name(), path, away.get());
            ctx.status(DatabaseAway.STATUS).header("Retry-After", DatabaseAway.RETRY_AFTER_SECONDS)
                    .contentType(DatabaseAway.contentType(ctx.path())).result(DatabaseAway.body(ctx.path()));
        } else {
            log.error("{} {} failed", ctx.method(), path, e);
            ctx.status(500).contentType("text/plain; charset=utf-8").result("Internal error; the log has the details.");
        }
    }

    /** The client's own fault in a cause chain (a 4xx from Jetty, a connection lost mid-body), if any. */
    private static Throwable clientFault(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if ((t instanceof HttpException http && http.getCode() < 500) || t instanceof EofException) {
                return t;
            }
        }
        return null;
    }

    /** Whether {@code path} is a member's signed link (its page shows that member's data). */
    static boolean isMemberLink(String path) {
        return TOKEN_PATH.matcher(path).find();
    }

    /** {@code path} fit for a log: member links keep their route but lose their token. */
    static String loggable(String path) {
        return TOKEN_PATH.matcher(path).replaceFirst("/$1/…");
    }

    /** Starts on {@code port} (0 picks a free port) on all interfaces; returns the bound port. */
    public int start(int port) {
        return start(null, port);
    }

    /** Starts on {@code bind} (an interface's address; null or empty: all) and {@code port}; returns the bound port. */
    public int start(String bind, int port) {
        this.bind = bind == null || bind.isBlank() ? null : bind;
        this.requestedPort = port;
        javalin.start();
        return javalin.port();
    }

    public int port() {
        return javalin.port();
    }

    @Override
    public void close() {
        javalin.stop();
    }
}
