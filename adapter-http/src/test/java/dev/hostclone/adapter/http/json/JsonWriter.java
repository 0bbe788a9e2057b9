package dev.hostclone.adapter.http.json;

import java.util.Iterator;
import java.util.List;

/**
 * JSON text written from a list of choices, read in turn: objects, arrays, texts and names of its words, its scalars as
 * they are, nested up to 6; a property's random lists of numbers make random documents, and the shrinker's shorter
 * lists shorter ones.
 */
final class JsonWriter {

    private final Iterator<Integer> choices;
    private final String[] words;
    private final String[] scalars;

    /** A writer of {@code words} (as they go between quotes) and {@code scalars}, as {@code choices} choose. */
    JsonWriter(List<Integer> choices, String[] words, String[] scalars) {
        this.choices = choices.iterator();
        this.words = words.clone();
        this.scalars = scalars.clone();
    }

    private int next(int bound) {
        return choices.hasNext() ? choices.next() % bound : 0;
    }

    /** One value, now and then followed by a second one, which JSON does not allow. */
    String document() {
        String first = value(0);
        return next(8) == 0 ? first + " " + value(0) : first;
    }

    String value(int depth) {
        int kind = depth > 5 ? 2 + next(2) : next(5);
        return switch (kind) {
            case 0, 4 -> members(depth);
            case 1 -> elements(depth);
            case 2 -> "\"" + words[next(words.length)] + "\"";
            default -> scalars[next(scalars.length)];
        };
    }

    private String members(int depth) {
        StringBuilder out = new StringBuilder("{");
        int count = next(4);
        for (int i = 0; i < count; i++) {
            out.append(i == 0 ? "" : ",").append('"').append(words[next(words.length)]).append("\":").append(value(depth + 1));
        }
        return out.append('}').toString();
    }

    private String elements(int depth) {
        StringBuilder out = new StringBuilder("[");
        int count = next(4);
        for (int i = 0; i < count; i++) {
            out.append(i == 0 ? "" : ",").append(value(depth + 1));
        }
        return out.append(']').toString();
    }
}
