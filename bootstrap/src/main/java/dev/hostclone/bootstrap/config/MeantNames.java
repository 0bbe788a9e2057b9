package dev.hostclone.bootstrap.config;

import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.commons.text.similarity.LevenshteinDistance;

/**
 * What a refused name most likely meant, for the refusal to offer: a flag, a variable or a file's setting that
 * names nothing. A known name within three edits (a typo, a letter missing: {@code HOSTCLONE_STORAG}), alone;
 * else the known names holding every word of the given one (what one wrote who remembered a setting by its last
 * word: {@code HOSTCLONE_PORT} for {@code HOSTCLONE_HTTP_PORT}), up to four; else none, rather than a guess.
 * Words are what {@code _} and {@code -} separate, case aside; a word every known name holds (the prefix) says
 * nothing.
 */
final class MeantNames {

    /** Levenshtein's distance up to 3 edits (insertions, deletions, replacements of one character), -1 beyond. */
    private static final LevenshteinDistance NEAR = new LevenshteinDistance(3);
    /** Four: every timeout, for {@code HOSTCLONE_TIMEOUT}. */
    private static final int MOST_OFFERED = 4;

    private MeantNames() {
    }

    /** {@code " (did you mean A?)"}, {@code " (did you mean A, B or C?)"}, or empty: to follow the refused name. */
    static String didYouMean(String given, Collection<String> known) {
        List<String> meant = meant(given, known);
        if (meant.isEmpty()) {
            return "";
        }
        String last = meant.get(meant.size() - 1);
        String others = String.join(", ", meant.subList(0, meant.size() - 1));
        return " (did you mean " + (others.isEmpty() ? last : others + " or " + last) + "?)";
    }

    private static List<String> meant(String given, Collection<String> known) {
        Optional<String> near = known.stream()
                .map(candidate -> Map.entry(candidate, NEAR.apply(given, candidate)))
                .filter(distance -> distance.getValue() >= 0)
                .min(Map.Entry.<String, Integer>comparingByValue().thenComparing(Map.Entry.comparingByKey()))
                .map(Map.Entry::getKey);
        if (near.isPresent()) {
            return List.of(near.get());
        }
        Set<String> shared = known.stream().map(MeantNames::words)
                .reduce((left, right) -> left.stream().filter(right::contains).collect(Collectors.toSet()))
                .orElse(Set.of());
        Set<String> telling = words(given).stream().filter(word -> !shared.contains(word)).collect(Collectors.toSet());
        if (telling.isEmpty()) {
            return List.of();
        }
        List<String> holding = known.stream()
                .filter(candidate -> words(candidate).containsAll(telling))
                .sorted()
                .toList();
        return holding.size() <= MOST_OFFERED ? holding : List.of();
    }

    private static Set<String> words(String name) {
        return Arrays.stream(name.toLowerCase(Locale.ROOT).split("[_-]+"))
                .filter(word -> !word.isEmpty())
                .collect(Collectors.toSet());
    }
}
