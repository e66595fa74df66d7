package org.rundbrief.subscriber;

import java.util.List;
import java.util.stream.Collectors;

/** Input a person gave that cannot be used; lists every problem with the field it belongs to. */
public class InvalidInput extends IllegalArgumentException {
    /** {@code field} is the form/CSV field name (email, name, language, topics, cadence). */
    public record Problem(String field, String reason) {}

    private final List<Problem> problems;

    public InvalidInput(List<Problem> problems) {
        super(problems.stream().map(Problem::reason).collect(Collectors.joining("; ")));
        this.problems = List.copyOf(problems);
    }

    public List<Problem> problems() {
        return problems;
    }
}
