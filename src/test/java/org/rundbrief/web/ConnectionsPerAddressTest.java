package org.rundbrief.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.javalin.config.RoutesConfig;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The per-address connection cap counts open connections, not connections ever opened. */
class ConnectionsPerAddressTest {
    @Test
    void manyConnectionsOneAfterAnotherFromOneAddressAreAllAnswered() throws Exception {
        WebServer.Routes hello = new WebServer.Routes() {
            @Override
            public void register(RoutesConfig r) {
                r.get("/hello", ctx -> ctx.result("hallo"));
            }
        };
        try (WebServer web = new WebServer(List.of(hello))) {
            web.start(0);
            List<String> statuses = new ArrayList<>();
            // Three times the cap, each on a connection of its own that is closed before the next.
            for (int i = 0; i < 3 * HttpLimits.DEFAULT.connectionsPerAddress(); i++) {
                try (Socket s = new Socket("127.0.0.1", web.port())) {
                    OutputStream out = s.getOutputStream();
                    out.write("GET /hello HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n"
                            .getBytes(StandardCharsets.US_ASCII));
                    out.flush();
                    String line = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.US_ASCII))
                            .readLine();
                    statuses.add(line == null ? "closed" : line);
                }
            }
            assertThat(statuses).allMatch(l -> l.startsWith("HTTP/1.1 200"), "answered with 200");
        }
    }
}
