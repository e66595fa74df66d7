package org.rundbrief.subscriber;

/**
 * One entry for the consent log: what happened ({@code action}, e.g. subscribed, confirmed,
 * unsubscribed), where it came from, and its proof (IP and user agent of the request, or the
 * admin's note for an import). ip, userAgent and note may be null.
 */
public record Consent(String action, Origin origin, String ip, String userAgent, String note) {
    public static Consent of(String action, Origin origin) {
        return new Consent(action, origin, null, null, null);
    }
}
