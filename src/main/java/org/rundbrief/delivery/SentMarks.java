package org.rundbrief.delivery;

import java.nio.file.Path;
import java.util.Optional;

/**
 * Where a sender records that a message went out. When {@link #record} returns, the mark survives
 * a killed process: the row is never sent again. Marks reach the delivery table at once or, with a
 * journal, within a fraction of a second ({@link #flush}).
 */
public interface SentMarks extends AutoCloseable {
    void record(DeliveryStore.Sent sent);

    /** Every mark recorded so far is in the delivery table. */
    void flush();

    /** Marks a killed process left in a journal go into the delivery table. */
    void recover();

    @Override
    void close();

    /**
     * With a directory (beside an H2 file database): a {@link SentJournal}, because every H2 commit
     * writes a new chunk of the file, which costs more than sending the message. Without one
     * (PostgreSQL, where other machines may take over the rows): one commit per message, which does
     * not wait for the disk ({@link DeliveryStore#markSent(DeliveryStore.Sent)}).
     */
    static SentMarks of(Optional<Path> journalDirectory, DeliveryStore store) {
        return journalDirectory.<SentMarks>map(dir -> new SentJournal(dir, store)).orElseGet(() -> new SentMarks() {
            @Override
            public void record(DeliveryStore.Sent sent) {
                store.markSent(sent);
            }

            @Override
            public void flush() {
                // every mark is committed when it is recorded
            }

            @Override
            public void recover() {
                // nothing is ever left outside the database
            }

            @Override
            public void close() {
                // nothing to release
            }
        });
    }
}
