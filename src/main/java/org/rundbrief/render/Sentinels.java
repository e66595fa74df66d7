package org.rundbrief.render;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.random.RandomGenerator;
import org.rundbrief.template.Templates;

/**
 * Stand-ins for the personal values, rendered in their place and then cut out again. A stand-in is
 * a random key between two private-use characters, so no real text holds one, built to show what a
 * template did with the value:
 * <ul>
 * <li>it holds the five characters HTML escaping changes ({@code < > & " '}): its escaped form
 *     (auto-escaping in {@code *.html.ftl}) and its raw form ({@code ?no_esc}, text templates) are
 *     told apart, any other escaping ({@code ?url}, {@code ?js_string}) leaves neither;</li>
 * <li>letters of both cases: {@code ?upper_case}, {@code ?lower_case}, {@code ?capitalize} leave
 *     a mangled stand-in, found by its start character or its key;</li>
 * <li>two variants of different length: logic on the value ({@code ?length}, {@code ?substring})
 *     renders differently for them.</li>
 * </ul>
 * A template whose output cannot be cut this way is rendered in full per recipient.
 */
final class Sentinels {
    private static final char START = '\uE000';
    private static final char END = '\uE001';
    private static final String ESCAPED_BY_HTML = "<>&\"'";
    private final String key;

    Sentinels(RandomGenerator random) {
        StringBuilder k = new StringBuilder("Rb");
        for (int i = 0; i < 10; i++) {
            char base = i % 2 == 0 ? 'a' : 'A';
            k.append((char) (base + random.nextInt(26)));
        }
        this.key = k.toString();
    }

    /** The stand-ins of variant 0 or 1; with no name the recipient is empty, as in a real render. */
    Personal standIns(int variant, boolean named) {
        return new Personal(named ? standIn(Personal.Field.RECIPIENT, variant) : "",
                standIn(Personal.Field.UNSUBSCRIBE_URL, variant), standIn(Personal.Field.PREFERENCES_URL, variant));
    }

    private String standIn(Personal.Field field, int variant) {
        return START + key + field.ordinal() + "x".repeat(1 + 7 * variant) + ESCAPED_BY_HTML + END;
    }

    /** Whether {@code text} holds anything of a stand-in. */
    boolean touches(String text) {
        return text.indexOf(START) >= 0 || text.indexOf(END) >= 0
                || text.toLowerCase(Locale.ROOT).contains(key.toLowerCase(Locale.ROOT));
    }

    /**
     * Cuts {@code rendered} (made with {@code standIns}) at every stand-in, escaped or raw; null
     * when a trace of a stand-in is left that is neither.
     */
    Spliced split(String rendered, Personal standIns) {
        List<String> forms = new ArrayList<>();
        List<Spliced.Slot> kinds = new ArrayList<>();
        for (Personal.Field field : Personal.Field.values()) {
            String standIn = standIns.value(field);
            if (!standIn.isEmpty()) {
                forms.add(standIn);
                kinds.add(new Spliced.Slot(field, false));
                forms.add(Templates.escapeHtml(standIn));
                kinds.add(new Spliced.Slot(field, true));
            }
        }
        List<String> literals = new ArrayList<>();
        List<Spliced.Slot> slots = new ArrayList<>();
        int from = 0;
        for (int at = rendered.indexOf(START); at >= 0; at = rendered.indexOf(START, from)) {
            int form = matchAt(rendered, at, forms);
            if (form < 0) {
                return null;
            }
            literals.add(rendered.substring(from, at));
            slots.add(kinds.get(form));
            from = at + forms.get(form).length();
        }
        literals.add(rendered.substring(from));
        return literals.stream().anyMatch(this::touches) ? null : new Spliced(List.copyOf(literals), List.copyOf(slots));
    }

    private static int matchAt(String text, int at, List<String> forms) {
        for (int i = 0; i < forms.size(); i++) {
            if (text.startsWith(forms.get(i), at)) {
                return i;
            }
        }
        return -1;
    }
}
