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
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

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

    /** Issue #23: an address knocking at its cap got one warning per refused connection. */
    @Test
    void anAddressKnockingAtItsCapIsNamedInTheLogOnce() throws Exception {
        ListAppender<ILoggingEvent> logged = new ListAppender<>();
        logged.start();
        Logger logger = (Logger) LoggerFactory.getLogger(ConnectionsPerAddress.class);
        logger.addAppender(logged);
        List<Socket> held = new ArrayList<>();
        try (WebServer web = new WebServer(List.of())) {
            web.start(0);
            int cap = HttpLimits.DEFAULT.connectionsPerAddress();
            for (int i = 0; i < cap; i++) {
                Socket s = new Socket("127.0.0.1", web.port());
                s.getOutputStream().write("GET /nothing HTTP/1.1\r\nHost: localhost\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                s.getInputStream().read(); // answered: the connection is open and counted
                held.add(s);
            }
            for (int i = 0; i < 20; i++) {
                try (Socket refused = new Socket("127.0.0.1", web.port())) {
                    refused.setSoTimeout(5000);
                    assertThat(refused.getInputStream().read()).as("closed at once").isEqualTo(-1);
                }
            }
            assertThat(logged.list).extracting(ILoggingEvent::getFormattedMessage)
                    .singleElement().asString().contains("127.0.0.1 holds " + cap + " connections");
        } finally {
            logger.detachAppender(logged);
            for (Socket s : held) {
                s.close();
            }
        }
    }

    @Test
    void anIpv6NetworkCountsAsOneClientSoNewAddressesInItDoNotGetMoreConnections() throws Exception {
        ConnectionsPerAddress cap = new ConnectionsPerAddress(16, new ClientAddress(List.of()));
        // a /64 holds 2^64 addresses: counted one by one, each would get its own 16 connections
        for (int i = 1; i <= 16; i++) {
            assertThat(cap.opened(ClientAddress.limitKey(java.net.InetAddress.getByName("2001:db8:1:2::" + Integer.toHexString(i)))))
                    .as("connection %d", i).isTrue();
        }
        assertThat(cap.opened(ClientAddress.limitKey(java.net.InetAddress.getByName("2001:db8:1:2:ffff::99")))).isFalse();
        assertThat(cap.opened(ClientAddress.limitKey(java.net.InetAddress.getByName("2001:db8:1:3::1"))))
                .as("the next /64 is another client").isTrue();
        assertThat(cap.opened(ClientAddress.limitKey(java.net.InetAddress.getByName("192.0.2.7")))).isTrue();
        String network = ClientAddress.limitKey(java.net.InetAddress.getByName("2001:db8:1:2::1"));
        cap.closed(network);
        cap.closed(network);
        assertThat(cap.opened(network)).as("free again once connections ended").isTrue();
    }
}
