package org.rundbrief.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ConnectionsPerAddressTest {
    private WebServer server;

    @BeforeEach
    void start() {
        server = new WebServer(List.of(routes -> routes.get("/ping", ctx -> ctx.result("pong"))));
        server.start(0);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    /** A feed reader polling all day opens one connection after another: the cap counts open ones, not all ever made. */
    @Test
    void manyConnectionsOneAfterAnotherAreAllAnswered() throws Exception {
        for (int i = 0; i < 3 * HttpLimits.DEFAULT.connectionsPerAddress(); i++) {
            try (Socket s = new Socket("127.0.0.1", server.port())) {
                OutputStream out = s.getOutputStream();
                out.write("GET /ping HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                out.flush();
                InputStream in = s.getInputStream();
                String answer = new String(in.readAllBytes(), StandardCharsets.US_ASCII);
                assertThat(answer).as("connection " + i).startsWith("HTTP/1.1 200").endsWith("pong");
            }
        }
    }
}
