package org.rundbrief.subscriber;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** Input a person gave that cannot be used; lists every problem with the field it belongs to. */
public class InvalidInput extends IllegalArgumentException {
    /**
     * {@code field} is the form/CSV field name (email, name, language, topics, cadence), {@code reason}
     * the English text; {@code kind} (such as unknown, tooLong, duplicate) and the {@code values} it
     * names (value, expected, max, line, email) give the text in another language: the message
     * {@code admin.import.reason.<field>.<kind>}.
     */
    public record Problem(String field, String reason, String kind, Map<String, String> values) {
        public Problem {
            values = Map.copyOf(values);
        }

        /** The key of this problem's text in messages_*.properties. */
        public String messageKey() {
            return "admin.import.reason." + field + "." + kind;
        }
    }

    private final List<Problem> problems;

    public InvalidInput(List<Problem> problems) {
        super(problems.stream().map(Problem::reason).collect(Collectors.joining("; ")));
        this.problems = List.copyOf(problems);
    }

    public List<Problem> problems() {
        return problems;
    }
}
