package org.rundbrief.edition;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.rundbrief.subscriber.Cadence;
import org.rundbrief.subscriber.Mailbox;
import org.rundbrief.testing.Installation;

/**
 * What the edition tests share: a real installation sending into GreenMail, a send that moves the
 * clock on either side, and the text of the digests one member received.
 */
final class DigestsWorld implements AutoCloseable {
    final GreenMail smtp = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP).dynamicPort());
    final Installation inst;

    /** {@code extraYaml}: more configuration, e.g. {@code delivery: { maxItems: 2 }}. */
    DigestsWorld(Path dir, String extraYaml) throws Exception {
        smtp.start();
        inst = new Installation(dir, smtp.getSmtp().getPort(), extraYaml);
    }

    /** A send of the cadence (a first issue of the last {@code includeRecent} when not null); the editions it worked on. */
    List<Edition> send(Cadence cadence, Duration includeRecent) throws InterruptedException {
        inst.tick();
        List<Edition> worked = inst.app.editions.sendDue(cadence, null, includeRecent, Duration.ZERO);
        inst.tick();
        return worked;
    }

    /** The text part of each digest {@code email} received, oldest first. */
    List<String> digestsOf(String email) {
        return Arrays.stream(smtp.getReceivedMessages()).filter(m -> Mailbox.recipient(m).equals(email)).map(Mailbox::text).toList();
    }

    @Override
    public void close() {
        inst.close();
        smtp.stop();
    }
}
