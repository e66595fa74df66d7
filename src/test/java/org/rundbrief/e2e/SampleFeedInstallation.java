package org.rundbrief.e2e;

import com.icegreen.greenmail.util.GreenMail;
import com.sun.net.httpserver.HttpServer;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/**
 * Base of end-to-end tests on one installation: a config in a temp folder, GreenMail as the SMTP
 * server and a local HTTP server serving the sample feed {@code verein-rss2.xml} as the one source.
 */
abstract class SampleFeedInstallation {
    @TempDir
    Path dir;
    GreenMail smtp;
    HttpServer feeds;
    Path config;

    @BeforeEach
    void startInstallation() throws Exception {
        smtp = Fixtures.smtp();
        feeds = Fixtures.feedServer();
        config = Fixtures.config(dir, smtp.getSmtp().getPort(),
                "http://127.0.0.1:" + feeds.getAddress().getPort() + "/verein-rss2.xml", "");
    }

    @AfterEach
    void stopInstallation() {
        feeds.stop(0);
        smtp.stop();
    }
}
