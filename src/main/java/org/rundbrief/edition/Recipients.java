package org.rundbrief.edition;

import java.util.Optional;
import org.rundbrief.subscriber.Subscriber;

/** What editions need to know about subscribers: who they are now, and their personal links. */
public interface Recipients {
    /** The subscriber if they still want mail (confirmed); empty otherwise. */
    Optional<Subscriber> active(long subscriberId);

    String unsubscribeUrl(Subscriber s);

    /** mailto: URL for List-Unsubscribe (RFC 2369). */
    String unsubscribeMailto(Subscriber s);

    String preferencesUrl(Subscriber s);
}
