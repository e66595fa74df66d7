package org.rundbrief.render;

import org.rundbrief.subscriber.Subscriber;

/**
 * The values of a digest that differ between its recipients. Everything else a digest says depends
 * only on the edition, the articles and the language, which is what lets {@link DigestShapes}
 * render it once for many recipients.
 */
record Personal(String recipient, String unsubscribeUrl, String preferencesUrl) {
    /** The model variables, in the order of {@link #value(Field)}. */
    enum Field { RECIPIENT, UNSUBSCRIBE_URL, PREFERENCES_URL }

    /** As the templates see a subscriber: no name is the empty string. */
    static Personal of(Subscriber s, Recipients links) {
        return new Personal(s.name() == null ? "" : s.name(), links.unsubscribeUrl(s), links.preferencesUrl(s));
    }

    String value(Field field) {
        return switch (field) {
            case RECIPIENT -> recipient;
            case UNSUBSCRIBE_URL -> unsubscribeUrl;
            case PREFERENCES_URL -> preferencesUrl;
        };
    }
}
