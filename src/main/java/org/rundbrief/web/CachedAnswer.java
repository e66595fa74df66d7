package org.rundbrief.web;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.rundbrief.cache.ConditionalGet;
import org.rundbrief.cache.Rendered;

/**
 * Writes a cached representation onto a bare Jetty response (the hot paths in front of Javalin:
 * feeds and public pages). The cache package decides the answer; this only copies it.
 */
final class CachedAnswer {
    private CachedAnswer() {}

    static void write(Request request, Response response, Callback callback, Rendered rendered, boolean head) {
        var headers = request.getHeaders();
        ConditionalGet.Answer answer = ConditionalGet.answer(rendered, headers.get(HttpHeader.IF_NONE_MATCH),
                headers.get(HttpHeader.IF_MODIFIED_SINCE), headers.get(HttpHeader.ACCEPT_ENCODING), head);
        response.setStatus(answer.status());
        answer.headers().forEach(response.getHeaders()::put);
        response.write(true, ByteBuffer.wrap(answer.body()), callback);
    }

    /** Same answer as WebServer's mapping for Javalin routes: plain text (500s are logged by the caller). */
    static void plain(Response response, Callback callback, int status, String message) {
        response.setStatus(status);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "text/plain; charset=utf-8");
        response.write(true, ByteBuffer.wrap(message.getBytes(StandardCharsets.UTF_8)), callback);
    }
}
