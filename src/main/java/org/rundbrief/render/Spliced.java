package org.rundbrief.render;

import java.util.List;
import org.rundbrief.template.Templates;

/**
 * Rendered text cut where the personal values go: {@code literals} around {@code slots}, one more
 * literal than slots. A slot says which value and whether the template HTML-escaped it.
 */
record Spliced(List<String> literals, List<Slot> slots) {
    record Slot(Personal.Field field, boolean escaped) {}

    /** A text without personal values. */
    static Spliced fixed(String text) {
        return new Spliced(List.of(text), List.of());
    }

    String fill(Personal personal) {
        if (slots.isEmpty()) {
            return literals.get(0);
        }
        StringBuilder out = new StringBuilder(literals.stream().mapToInt(String::length).sum() + 64 * slots.size());
        for (int i = 0; i < slots.size(); i++) {
            Slot slot = slots.get(i);
            String value = personal.value(slot.field());
            out.append(literals.get(i)).append(slot.escaped() ? Templates.escapeHtml(value) : value);
        }
        return out.append(literals.get(slots.size())).toString();
    }
}
