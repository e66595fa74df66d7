package org.rundbrief.smtp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.icegreen.greenmail.util.DummySSLServerSocketFactory;
import com.icegreen.greenmail.util.DummySSLSocketFactory;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** Writes to a server that stops reading fail after the timeout instead of hanging; slow but moving writes do not. */
class WatchedSocketTest {
    private static final Duration TIMEOUT = Duration.ofMillis(300);
    /** More than loopback's send and receive buffers hold together, so the writer must block. */
    private static final int LARGE = 64 << 20;
    private final List<AutoCloseable> open = new ArrayList<>();

    @AfterEach
    void closeAll() throws Exception {
        for (AutoCloseable c : open) {
            c.close();
        }
    }

    /** Accepts connections and never reads from them (a TLS server completes the handshake first). */
    private ServerSocket neverReading(ServerSocket server) {
        open.add(server);
        Thread t = new Thread(() -> {
            while (!server.isClosed()) {
                try {
                    Socket s = server.accept();
                    open.add(s);
                    if (s instanceof SSLSocket ssl) {
                        ssl.startHandshake();
                    }
                } catch (IOException e) {
                    return;
                }
            }
        }, "never-reading");
        t.setDaemon(true);
        t.start();
        return server;
    }

    private WatchedSocket connect(ServerSocket server) throws IOException {
        WatchedSocket s = new WatchedSocket(TIMEOUT, WriteWatchdog.SHARED);
        open.add(s);
        s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), server.getLocalPort()), 2000);
        s.setSoTimeout(2000);
        return s;
    }

    private static void assertWriteTimesOut(OutputStream out) {
        long start = System.nanoTime();
        assertThatThrownBy(() -> {
            byte[] chunk = new byte[1 << 20];
            for (int i = 0; i < LARGE / chunk.length; i++) {
                out.write(chunk);
            }
        }).isInstanceOf(SocketTimeoutException.class).hasMessageContaining("Write timed out after 300 ms");
        long took = (System.nanoTime() - start) / 1_000_000;
        assertThat(took).as("ms until the stuck write failed").isBetween(TIMEOUT.toMillis(), 3_000L);
    }

    @Nested
    class PlainSocket {
        @Test
        void aWriteTheServerNeverReadsFailsSoonAfterTheTimeoutAndClosesTheSocket() throws Exception {
            ServerSocket server = neverReading(new ServerSocket(0, 5, InetAddress.getLoopbackAddress()));
            WatchedSocket s = connect(server);
            assertWriteTimesOut(s.getOutputStream());
            assertThat(s.isClosed()).isTrue();
        }

        @Test
        void manyWritesTakingLongerThanTheTimeoutTogetherAreFineWhileTheServerReads() throws Exception {
            ServerSocket server = new ServerSocket(0, 5, InetAddress.getLoopbackAddress());
            open.add(server);
            CountDownLatch done = new CountDownLatch(1);
            long[] received = new long[1];
            Thread reader = new Thread(() -> {
                try (Socket s = server.accept(); InputStream in = s.getInputStream()) {
                    byte[] buf = new byte[8192];
                    for (int n = in.read(buf); n >= 0; n = in.read(buf)) {
                        received[0] += n;
                    }
                } catch (IOException ignored) {
                    // the test fails on the count
                }
                done.countDown();
            });
            reader.start();
            WatchedSocket s = connect(server);
            OutputStream out = s.getOutputStream();
            long start = System.nanoTime();
            int writes = 0;
            while (System.nanoTime() - start < 3 * TIMEOUT.toNanos()) {
                out.write(new byte[1000]);
                writes++;
                Thread.sleep(5);
            }
            s.close();
            done.await();
            assertThat(received[0]).isEqualTo(writes * 1000L);
        }
    }

    @Nested
    class TlsLayeredOnIt {
        @Test
        void aTlsWriteTheServerNeverReadsFailsTooBecauseItsRecordsGoThroughTheWatchedStream() throws Exception {
            ServerSocket server = neverReading(new DummySSLServerSocketFactory()
                    .createServerSocket(0, 5, InetAddress.getLoopbackAddress()));
            WatchedSocket plain = connect(server);
            // as Angus does for smtps and STARTTLS: a TLS socket on top of the connected plain one
            SSLSocket tls = (SSLSocket) new DummySSLSocketFactory().createSocket(plain, "localhost", server.getLocalPort(), true);
            open.add(tls);
            tls.startHandshake();
            assertWriteTimesOut(tls.getOutputStream());
            assertThat(plain.isClosed()).isTrue();
        }
    }
}
