package org.rundbrief.bounce;

import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.Flags;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Store;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.Properties;
import java.util.function.BooleanSupplier;
import javax.net.ssl.SSLSocketFactory;
import org.rundbrief.config.Config;
import org.rundbrief.smtp.TlsTrouble;

/**
 * The mailbox bounces arrive in ({@code bounce.mailbox}), read with Jakarta Mail over IMAP or POP3.
 * Messages are read in batches of {@value #BATCH}, the folder closed and opened again between
 * batches, so memory holds one batch's headers however full the mailbox is. A message the reader
 * understood is moved to the folder {@value #PROCESSED} (IMAP; created when missing) or deleted
 * (POP3, which has no folders); anything else is left exactly where it was, unread flag and all
 * (IMAP reads use BODY.PEEK).
 */
final class BounceMailbox {
    static final String PROCESSED = "processed";
    static final int BATCH = 200;
    private final Config.Mailbox config;
    /** The TLS sockets of imaps and pop3s; null: the JVM's, which trust the usual certificate authorities. */
    private final SSLSocketFactory tls;

    BounceMailbox(Config.Mailbox config, SSLSocketFactory tls) {
        this.config = config;
        this.tls = tls;
    }

    /** Decides about one message: true when it was understood (then it is moved or deleted). */
    interface Reader {
        boolean read(Message message) throws MessagingException, IOException;
    }

    /**
     * Reads every message once, asking {@code stopping} before each; true when that ended the
     * reading early (what was understood until then is moved or deleted). Throws a
     * {@link MailboxException} that says what went wrong.
     */
    boolean readAll(Reader reader, BooleanSupplier stopping) {
        Store store = null;
        try {
            store = session().getStore(config.protocol());
            store.connect(config.host(), config.port() == 0 ? -1 : config.port(), config.username(), config.password());
            boolean imap = config.protocol().startsWith("imap");
            Folder processed = null;
            if (imap) {
                processed = store.getFolder(PROCESSED);
                if (!processed.exists() && !processed.create(Folder.HOLDS_MESSAGES)) {
                    throw new MailboxException("cannot create the folder '" + PROCESSED + "' " + where());
                }
            }
            int position = 1;
            while (true) {
                Folder folder = store.getFolder(config.folder());
                if (!folder.exists()) {
                    throw new MailboxException("there is no folder '" + config.folder() + "' " + where()
                            + " (bounce.mailbox.folder)");
                }
                folder.open(Folder.READ_WRITE);
                int total = folder.getMessageCount();
                if (position > total) {
                    folder.close(false);
                    return false;
                }
                int end = Math.min(total, position + BATCH - 1);
                int understood = 0;
                Message[] batch = folder.getMessages(position, end);
                folder.fetch(batch, ReportParser.fetchProfile()); // one round trip for the batch's headers
                for (Message m : batch) {
                    if (stopping.getAsBoolean()) {
                        folder.close(understood > 0);
                        return true;
                    }
                    if (reader.read(m)) {
                        if (processed != null) {
                            folder.copyMessages(new Message[] {m}, processed);
                        }
                        m.setFlag(Flags.Flag.DELETED, true);
                        understood++;
                    }
                }
                folder.close(understood > 0); // expunge (IMAP) or delete (POP3) what was understood
                position = end + 1 - understood;
            }
        } catch (AuthenticationFailedException e) {
            throw new MailboxException("login as '" + config.username() + "' refused " + where()
                    + ": check bounce.mailbox.username and password (" + e.getMessage() + ")", e);
        } catch (MessagingException e) {
            throw new MailboxException("cannot read " + where() + ": " + describe(e), e);
        } catch (IOException e) {
            throw new MailboxException("cannot read a message " + where() + ": " + e.getMessage(), e);
        } finally {
            if (store != null) {
                try {
                    store.close();
                } catch (MessagingException ignored) {
                    // the connection goes either way
                }
            }
        }
    }

    /** The first {@code max} bytes of a message as it arrived, for the audit trail. */
    static String raw(Message m, int max) {
        Bounded out = new Bounded(max);
        try {
            m.writeTo(out);
        } catch (Bounded.Full full) {
            // enough kept
        } catch (IOException | MessagingException e) {
            // keep what was read
        }
        return new String(out.bytes, 0, out.size, StandardCharsets.UTF_8);
    }

    private Session session() {
        Properties p = new Properties();
        String timeout = "30000";
        for (String protocol : new String[] {"imap", "imaps", "pop3", "pop3s"}) {
            p.put("mail." + protocol + ".connectiontimeout", timeout);
            p.put("mail." + protocol + ".timeout", timeout);
        }
        // POP3 has no partial reads: messages go to temporary files, not the heap (a 10 MB bounce).
        p.put("mail.pop3.filecache.enable", "true");
        p.put("mail.pop3s.filecache.enable", "true");
        // IMAP: message/rfc822 parts are read as parts (a 10 MB original is never fetched whole).
        p.put("mail.imap.peek", "true");
        p.put("mail.imaps.peek", "true");
        if (tls != null) {
            p.put("mail.imaps.ssl.socketFactory", tls);
            p.put("mail.pop3s.ssl.socketFactory", tls);
        }
        return Session.getInstance(p);
    }

    private String where() {
        return "at " + config.protocol() + "://" + config.host() + (config.port() == 0 ? "" : ":" + config.port());
    }

    private static String describe(MessagingException e) {
        Optional<String> tls = TlsTrouble.explain(e);
        if (tls.isPresent()) {
            return tls.get();
        }
        String msg = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        Exception next = e.getNextException();
        if (next != null && next.getMessage() != null && !msg.contains(next.getMessage())) {
            msg += " (" + next.getMessage() + ")";
        }
        return msg;
    }

    /** Keeps the first {@code max} bytes, then stops the writer. */
    private static final class Bounded extends OutputStream {
        private final byte[] bytes;
        private int size;

        Bounded(int max) {
            bytes = new byte[max];
        }

        @Override
        public void write(int b) throws Full {
            if (size == bytes.length) {
                throw new Full();
            }
            bytes[size++] = (byte) b;
        }

        @Override
        public void write(byte[] b, int off, int len) throws Full {
            int n = Math.min(len, bytes.length - size);
            System.arraycopy(b, off, bytes, size, n);
            size += n;
            if (n < len) {
                throw new Full();
            }
        }

        static final class Full extends IOException {
            Full() {
                super("enough kept");
            }
        }
    }
}
