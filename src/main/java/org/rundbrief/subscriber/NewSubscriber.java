package org.rundbrief.subscriber;

import java.util.List;
import org.rundbrief.mail.EmailAddress;

/** A subscriber about to be stored: checked values only (built by the form, the CSV reader or the CLI). */
public record NewSubscriber(EmailAddress email, String name, Cadence cadence, String language, List<String> topics) {
    public NewSubscriber {
        topics = List.copyOf(topics);
    }
}
