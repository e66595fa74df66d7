package org.rundbrief.subscriber;

import java.util.Arrays;
import java.util.List;
import org.rundbrief.mail.EmailAddress;

/**
 * The choices of a form post for a member who left, carried in the signed link of its
 * confirmation mail until they are confirmed: {@code cadence LF language LF topics,comma LF name}.
 * The form's checks ({@link Choices}) leave no line break in a name or elsewhere.
 */
final class ResubscribeChoices {
    private ResubscribeChoices() {
    }

    static String write(NewSubscriber s) {
        return s.cadence().id() + "\n" + s.language() + "\n" + String.join(",", s.topics()) + "\n"
                + (s.name() == null ? "" : s.name());
    }

    static NewSubscriber read(EmailAddress email, String written) {
        String[] parts = written.split("\n", 4);
        List<String> topics = parts[2].isEmpty() ? List.of() : Arrays.asList(parts[2].split(","));
        return new NewSubscriber(email, parts[3].isEmpty() ? null : parts[3], Cadence.parse(parts[0]),
                parts[1], topics);
    }
}
