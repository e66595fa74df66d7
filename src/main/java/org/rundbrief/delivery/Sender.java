package org.rundbrief.delivery;

import io.github.bucket4j.Bucket;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Callable;
import org.rundbrief.smtp.Mailer;
import org.rundbrief.smtp.SmtpConnection;

/**
 * One sending thread of a run: takes the rows the {@link DeliveryReader} hands over and sends
 * their messages over a kept-open SMTP connection of its own, within the run's shared rate limit,
 * until the reader's end mark. A row is in flight until its outcome is known: with a pipelining
 * server that is when the next message starts, so before waiting (for a row, or for the rate
 * limit) the sender settles the message it sent last.
 */
final class Sender implements Callable<Void> {
    private final BlockingQueue<Optional<DeliveryReader.Claimed>> queue;
    private final Halt halt;
    private final Bucket rateLimit;
    private final Mailer mailer;
    private final int messagesPerConnection;
    private final Outcomes outcomes;
    private final ServerWatch watch;
    private final Clock clock;

    Sender(BlockingQueue<Optional<DeliveryReader.Claimed>> queue, Halt halt, Bucket rateLimit, Mailer mailer,
           int messagesPerConnection, Outcomes outcomes, ServerWatch watch, Clock clock) {
        this.queue = queue;
        this.halt = halt;
        this.rateLimit = rateLimit;
        this.mailer = mailer;
        this.messagesPerConnection = messagesPerConnection;
        this.outcomes = outcomes;
        this.watch = watch;
        this.clock = clock;
    }

    @Override
    public Void call() throws InterruptedException {
        try (SmtpConnection connection = new SmtpConnection(mailer.server(), messagesPerConnection)) {
            while (true) {
                Optional<DeliveryReader.Claimed> next = queue.poll();
                if (next == null) {
                    connection.finish();
                    next = queue.take();
                }
                if (next.isEmpty()) {
                    return null;
                }
                DeliveryReader.Claimed row = next.get();
                boolean onTheWire = false;
                try {
                    // Not started: halted, or the lease ends too soon (another sender may take the row then).
                    if (!halt.isSet() && !clock.instant().isAfter(row.leaseUntil().minus(DeliveryRunner.LEASE_MARGIN))) {
                        if (!watch.mayTry()) { // the server is down: the row waits for the next probe, untried
                            outcomes.serverDown(row.row());
                            continue;
                        }
                        if (!rateLimit.tryConsume(1)) {
                            connection.finish();
                            rateLimit.asBlocking().consume(1);
                        }
                        onTheWire = deliver(connection, row);
                    }
                } finally {
                    if (!onTheWire) {
                        row.ticket().close();
                    }
                }
            }
        }
    }

    /** Renders and sends the row's message; true when it went to the connection, whose receipt ends its time in flight. */
    private boolean deliver(SmtpConnection connection, DeliveryReader.Claimed row) {
        MimeMessage msg;
        try {
            if (row.letter().isEmpty()) {
                outcomes.skipped(row.row());
                return false;
            }
            msg = mailer.builder().build(row.letter().get().render());
        } catch (MessagingException | RuntimeException e) {
            outcomes.unbuildable(row.row(), e);
            return false;
        }
        connection.send(msg, outcomes.receipt(row.row(), messageId(msg), row.ticket(), halt));
        return true;
    }

    private static String messageId(MimeMessage msg) {
        try {
            return msg.getMessageID();
        } catch (MessagingException e) {
            return null;
        }
    }
}
