package org.rundbrief.delivery;

import java.time.Instant;
import java.util.Optional;

/**
 * What the delivery workers need from editions: the rendered message of one queued delivery.
 * Empty when the delivery no longer applies (the subscriber left or has nothing left to read);
 * such a row is closed without sending.
 */
public interface MessageSource {
    Optional<OutgoingMail> render(long editionId, long subscriberId, Instant since);
}
