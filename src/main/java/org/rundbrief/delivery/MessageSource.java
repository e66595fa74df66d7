package org.rundbrief.delivery;

import java.util.List;
import java.util.Map;
import org.rundbrief.mail.OutgoingMail;

/**
 * What the delivery workers need from editions: the messages of queued deliveries. The reader asks
 * for a claimed page at once, so what the messages need is read in a few queries for the whole
 * page, not per message; the workers render each letter on their own threads. A delivery that no
 * longer applies (the subscriber left or has nothing left to read) gets no letter; such a row is
 * closed without sending. Whether a subscriber is still active is thus seen when their page is
 * claimed, not right before their message: a page is sized to go out within ~15 s at the rate
 * limit, and at most half a page waits ahead of it (so ≤ ~22 s; unthrottled well under a second).
 */
public interface MessageSource {
    /** Letters for those of these queued rows of one edition that apply, by delivery id. */
    Map<Long, Letter> prepare(long editionId, List<DeliveryStore.Due> rows);

    /** One delivery's message, with everything it needs read already. */
    @FunctionalInterface
    interface Letter {
        OutgoingMail render();
    }
}
