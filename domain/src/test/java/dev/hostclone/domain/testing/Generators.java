package dev.hostclone.domain.testing;

import static org.quicktheories.generators.SourceDSL.arbitrary;
import static org.quicktheories.generators.SourceDSL.lists;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.quicktheories.api.Pair;
import org.quicktheories.core.Gen;
import org.quicktheories.core.RandomnessSource;
import org.quicktheories.generators.Generate;

/**
 * QuickTheories generators the property tests share, for what its DSL does not say in one call:
 * texts over a given set of characters, choices among generators, equal or weighted, a generator
 * defined in terms of itself, and documents whose values may be null.
 */
public final class Generators {

    private Generators() {
    }

    /** Texts of {@code minLength} to {@code maxLength} characters, each one of {@code characters}. */
    public static Gen<String> textsOf(String characters, int minLength, int maxLength) {
        List<Character> alphabet = characters.chars().mapToObj(c -> (char) c).toList();
        return lists().of(arbitrary().pick(alphabet)).ofSizeBetween(minLength, maxLength).map(chars -> {
            StringBuilder text = new StringBuilder(chars.size());
            chars.forEach(text::append);
            return text.toString();
        });
    }

    /** One of the generators, each as likely as the others. */
    @SafeVarargs
    public static <T> Gen<T> oneOf(Gen<? extends T>... choices) {
        List<Pair<Integer, Gen<T>>> equal = new ArrayList<>(choices.length);
        for (Gen<? extends T> choice : choices) {
            equal.add(weighted(1, choice));
        }
        return Generate.frequency(equal);
    }

    /** A choice for {@link Generate#frequency(List)}: taken {@code weight} times in the sum of all choices' weights. */
    public static <T> Pair<Integer, Gen<T>> weighted(int weight, Gen<? extends T> choice) {
        return Pair.of(weight, widened(choice));
    }

    /**
     * A generator that asks {@code definition} for itself when it first generates, and keeps it: for
     * recursive values, whose definition would otherwise recurse as it is built.
     */
    public static <T> Gen<T> lazy(Supplier<Gen<T>> definition) {
        return new Gen<>() {
            private Gen<T> built;

            @Override
            public T generate(RandomnessSource randomness) {
                if (built == null) {
                    built = definition.get();
                }
                return built.generate(randomness);
            }
        };
    }

    /**
     * Documents of up to {@code maxFields} fields put one after the other, in a {@link LinkedHashMap}
     * (so a name drawn twice keeps its first place and its last value); values may be null, which
     * QuickTheories' own maps refuse.
     */
    public static Gen<Map<String, Object>> documents(Gen<String> names, Gen<Object> values, int maxFields) {
        return lists().of(names.zip(values, Field::new)).ofSizeBetween(0, maxFields).map(fields -> {
            Map<String, Object> document = new LinkedHashMap<>();
            fields.forEach(field -> document.put(field.name(), field.value()));
            return document;
        });
    }

    private static <T> Gen<T> widened(Gen<? extends T> gen) {
        return gen.map(value -> value);
    }

    private record Field(String name, Object value) {
    }
}
