package org.rundbrief.render;

import java.util.Collection;
import java.util.List;
import org.rundbrief.subscriber.Subscriber;

/** What editions need to know about subscribers: who they are now, and their personal links. */
public interface Recipients {
    /**
     * Those of the subscribers (a claimed page's, a few hundred at most) who still want mail
     * (confirmed), read in one go; the others are left out.
     */
    List<Subscriber> active(Collection<Long> subscriberIds);

    String unsubscribeUrl(Subscriber s);

    /** mailto: URL for List-Unsubscribe (RFC 2369). */
    String unsubscribeMailto(Subscriber s);

    String preferencesUrl(Subscriber s);
}
