package org.rundbrief.delivery;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * "Sent" marks as a write-ahead journal: each mark is appended to a file (one write to the
 * operating system, which keeps it when the process is killed, just like an H2 commit with
 * {@code WRITE_DELAY=0}) and the delivery table is updated in batches, every
 * {@value #BATCH} marks or {@value #FLUSH_MILLIS} ms, in one transaction, by the journal's own
 * thread (a sender only when {@value #BACKLOG} marks wait).
 *
 * <p>The journal is a directory of segment files. A process holds an OS lock on each segment it
 * writes; the lock dies with the process, so a segment whose lock can be taken belongs to a dead
 * process and is replayed by {@link #recover} (marking sent is idempotent). A segment is deleted
 * once its marks are committed.
 */
final class SentJournal implements SentMarks {
    private static final Logger log = LoggerFactory.getLogger(SentJournal.class);
    static final int BATCH = 1000;
    /** Marks waiting for the database beyond which a sender writes them itself. */
    static final int BACKLOG = 4 * BATCH;
    static final long FLUSH_MILLIS = 200;
    private static final String SUFFIX = ".marks";

    private final Path dir;
    private final DeliveryStore store;
    private final Object flushing = new Object();
    private final ScheduledExecutorService timer;
    private Segment current;

    SentJournal(Path dir, DeliveryStore store) {
        this.dir = dir;
        this.store = store;
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "sent-journal");
            t.setDaemon(true);
            return t;
        });
        timer.scheduleWithFixedDelay(this::flush, FLUSH_MILLIS, FLUSH_MILLIS, TimeUnit.MILLISECONDS);
    }

    @Override
    public void record(DeliveryStore.Sent sent) {
        int waiting;
        synchronized (this) {
            try {
                if (current == null) {
                    current = Segment.create(dir);
                }
                current.append(sent);
            } catch (IOException e) {
                log.warn("sent journal in {} not writable ({}); marking delivery {} in the database", dir, e.getMessage(),
                        sent.id());
                store.markSent(sent);
                return;
            }
            waiting = current.marks.size();
        }
        if (waiting == BATCH) {
            timer.execute(this::flush); // in the journal's thread: the sender goes on with the next message
        } else if (waiting >= BACKLOG) {
            flush(); // the database falls behind: the senders wait for it rather than pile up marks in memory
        }
    }

    @Override
    public void flush() {
        synchronized (flushing) {
            Segment full;
            synchronized (this) {
                if (current == null || current.marks.isEmpty()) {
                    return;
                }
                full = current;
                current = null;
            }
            try {
                store.markSent(full.marks);
                full.delete();
            } catch (RuntimeException e) {
                // The marks are safe in the file; the next recover() replays it.
                log.error("cannot write {} sent marks to the database; kept in {}", full.marks.size(), full.path, e);
                full.release();
            }
        }
    }

    @Override
    public void recover() {
        if (!Files.isDirectory(dir)) {
            return;
        }
        synchronized (flushing) {
            try (DirectoryStream<Path> segments = Files.newDirectoryStream(dir, "*" + SUFFIX)) {
                for (Path segment : segments) {
                    replayIfOrphaned(segment);
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the sent journal in " + dir, e);
            }
        }
    }

    private void replayIfOrphaned(Path segment) throws IOException {
        try (FileChannel channel = FileChannel.open(segment, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            FileLock lock;
            try {
                lock = channel.tryLock();
            } catch (OverlappingFileLockException e) {
                return; // one of ours, still being written
            }
            if (lock == null) {
                return; // a live process writes it
            }
            List<DeliveryStore.Sent> marks = Segment.read(Channels.newInputStream(channel.position(0)));
            if (!marks.isEmpty()) {
                store.markSent(marks);
                log.info("recovered {} sent marks from {}", marks.size(), segment);
            }
            Files.delete(segment);
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
        flush();
        synchronized (this) {
            if (current != null) {
                current.delete();
                current = null;
            }
        }
    }

    /** One journal file: its records are {@code id, sent-at millis, message-id length, message-id bytes}. */
    private static final class Segment {
        final Path path;
        final FileChannel channel;
        final FileLock lock;
        final List<DeliveryStore.Sent> marks = new ArrayList<>();

        private Segment(Path path, FileChannel channel, FileLock lock) {
            this.path = path;
            this.channel = channel;
            this.lock = lock;
        }

        /** A new file, locked before it gets the name {@link #recover} looks for. */
        static Segment create(Path dir) throws IOException {
            Files.createDirectories(dir);
            String name = UUID.randomUUID().toString();
            Path fresh = dir.resolve(name + ".new");
            FileChannel channel = FileChannel.open(fresh, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
            try {
                FileLock lock = channel.lock();
                Path path = Files.move(fresh, dir.resolve(name + SUFFIX));
                return new Segment(path, channel, lock);
            } catch (IOException | RuntimeException e) {
                channel.close();
                Files.deleteIfExists(fresh);
                throw e;
            }
        }

        void append(DeliveryStore.Sent sent) throws IOException {
            byte[] id = sent.messageId() == null ? new byte[0] : sent.messageId().getBytes(StandardCharsets.UTF_8);
            ByteBuffer record = ByteBuffer.allocate(8 + 8 + 2 + id.length)
                    .putLong(sent.id()).putLong(sent.at().toEpochMilli()).putShort((short) id.length).put(id).flip();
            while (record.hasRemaining()) {
                channel.write(record);
            }
            marks.add(sent);
        }

        /** Every whole record; a cut-off last record (only when the disk is full) is dropped: that message may go out again. */
        static List<DeliveryStore.Sent> read(InputStream raw) throws IOException {
            List<DeliveryStore.Sent> marks = new ArrayList<>();
            DataInputStream in = new DataInputStream(new BufferedInputStream(raw));
            while (true) {
                try {
                    long id = in.readLong();
                    Instant at = Instant.ofEpochMilli(in.readLong());
                    byte[] messageId = new byte[in.readUnsignedShort()];
                    in.readFully(messageId);
                    marks.add(new DeliveryStore.Sent(id, messageId.length == 0 ? null
                            : new String(messageId, StandardCharsets.UTF_8), at));
                } catch (EOFException end) {
                    return marks;
                }
            }
        }

        void delete() {
            try {
                Files.deleteIfExists(path);
            } catch (IOException e) {
                log.warn("cannot delete {}: {} (its marks are committed; replaying it is harmless)", path, e.getMessage());
            }
            release();
        }

        void release() {
            try {
                lock.release();
                channel.close();
            } catch (IOException e) {
                log.debug("closing {}", path, e);
            }
        }
    }
}
