package dev.hostclone.domain.model;

import dev.hostclone.domain.failure.Failure;
import dev.hostclone.domain.failure.RejectedException;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * Whether a new attribute may join the host model: no host of any business may then see two
 * attributes with one {@code bk_property_id}, nor two with one {@code bk_property_name}. Two attributes
 * are seen together by some host when either is global or both are custom fields of one business.
 * Both stores apply this rule while they hold the model exclusively, so two racing creations cannot
 * both pass it.
 */
public final class AttributeClashes {

    public static final String PROPERTY_ID = "bk_property_id";
    public static final String PROPERTY_NAME = "bk_property_name";

    private AttributeClashes() {
    }

    /** Throws {@code RejectedException(Duplicated)} naming the property id, or else the name, that clashes. */
    public static void requireNone(Collection<Attribute> existing, Attribute candidate) {
        requireUnique(existing, candidate, PROPERTY_ID, Attribute::propertyId);
        requireUnique(existing, candidate, PROPERTY_NAME, Attribute::name);
    }

    private static void requireUnique(Collection<Attribute> existing, Attribute candidate, String field,
                                      Function<Attribute, String> value) {
        String wanted = value.apply(candidate);
        boolean taken = existing.stream()
                .anyMatch(attribute -> seenTogether(attribute, candidate) && wanted.equals(value.apply(attribute)));
        if (taken) {
            throw RejectedException.because(new Failure.Duplicated(List.of(field), List.of(wanted)));
        }
    }

    private static boolean seenTogether(Attribute one, Attribute other) {
        return one.isGlobal() || other.isGlobal() || Objects.equals(one.business(), other.business());
    }
}
