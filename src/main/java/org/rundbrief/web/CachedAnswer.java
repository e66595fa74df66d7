package org.rundbrief.web;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
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
        ConditionalGet.Answer answer = ConditionalGet.answer(rendered, headers.get(HttpHeader.IF_NONE_MATCH),
                headers.get(HttpHeader.IF_MODIFIED_SINCE), headers.get(HttpHeader.ACCEPT_ENCODING), head);
        response.setStatus(answer.status());
        answer.headers().forEach(response.getHeaders()::put);
        response.write(true, ByteBuffer.wrap(answer.body()), callback);
    }

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
