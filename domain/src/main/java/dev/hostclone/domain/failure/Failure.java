package dev.hostclone.domain.failure;

import dev.hostclone.domain.access.Permission;
import java.util.List;

/**
 * A business "no": why a request was refused, naming the field or host concerned. Not an HTTP code:
 * the HTTP adapter maps each kind to BlueKing's code and message in one place.
 */
public sealed interface Failure {

    /**
     * This failure as one entry of a list met it, {@code entry} naming the entry ({@code bk_host_list[3]}): a field
     * of the entry it names is named from there ({@code bk_host_list[3].bk_cloud_id}), so that the caller of a batch
     * of hundreds learns which entry failed; a failure that names no field of the entry (a duplicate, a host by its
     * id) is returned as it is. Until 2026-12-07 a batch's refusal named the field alone.
     */
    default Failure inEntry(String entry) {
        String at = entry + ".";
        if (this instanceof NotAnInteger f) {
            return new NotAnInteger(at + f.field());
        }
        if (this instanceof MissingField f) {
            // each of the fields one of which is missing: bk_host_list[2].bk_host_innerip or bk_host_list[2].…_v6
            return new MissingField(at + f.field().replace(" or ", " or " + at));
        }
        if (this instanceof InvalidCombination f) {
            return new InvalidCombination(at + f.field());
        }
        if (this instanceof InvalidValue f) {
            return new InvalidValue(at + f.field(), f.reason(), f.value());
        }
        if (this instanceof Forbidden f) {
            return new Forbidden(at + f.field(), f.reason(), f.value());
        }
        if (this instanceof CannotBeOmitted f) {
            return new CannotBeOmitted(at + f.field());
        }
        return this;
    }

    /** {@code list[index]}: how {@link #inEntry} names an entry of a list. */
    static String entry(String list, int index) {
        return list + "[" + index + "]";
    }

    /** An integer parameter is missing or out of range ({@code bk_biz_id <= 0}, {@code bk_cloud_id < 0}). */
    record NotAnInteger(String field) implements Failure {}

    /** A required field is missing. */
    record MissingField(String field) implements Failure {}

    /** The combination of parameters is invalid (IP/ID mixing, half pairs, negative ids). */
    record InvalidCombination(String field) implements Failure {}

    /** A value fails validation; {@code reason} says how, {@code value} shows what was given (may be null). */
    record InvalidValue(String field, InvalidReason reason, Object value) implements Failure {}

    /** A list is longer than its limit. */
    record TooMany(String field, int limit) implements Failure {}

    /** A unique rule would be violated: two instances would share the values of these fields. */
    record Duplicated(List<String> fields, List<Object> values) implements Failure {
        public Duplicated {
            fields = List.copyOf(fields);
            values = List.copyOf(values);
        }
    }

    /** No host with this id exists. */
    record HostNotFound(long hostId) implements Failure {}

    /** The host exists but does not belong to the business the request names. */
    record HostNotInBusiness(long hostId, long businessId) implements Failure {}

    /** No business with this id exists. */
    record BusinessNotFound(long businessId) implements Failure {}

    /** The caller lacks permissions; {@code missing} says which, on which resources. */
    record PermissionMissing(List<Permission> missing) implements Failure {
        public PermissionMissing {
            missing = List.copyOf(missing);
        }
    }

    /** The write kept meeting concurrent changes and gave up after {@code attempts} tries. */
    record WriteConflict(int attempts) implements Failure {}

    /** An attempt to change something that may not change (a built-in rule, a system attribute). */
    record Forbidden(String field, InvalidReason reason, Object value) implements Failure {}

    /** A page asks for more items than the query allows ({@code limit} is the maximum). */
    record PageLimitExceeded(int limit) implements Failure {}

    /** A field that its other fields make necessary is missing (an {@code int} attribute without its {@code option}). */
    record CannotBeOmitted(String field) implements Failure {}

    /** Existing hosts already share values of a new unique rule's keys: {@code values} are one such duplicate. */
    record ExistingDataViolatesRule(List<String> fields, List<Object> values) implements Failure {
        public ExistingDataViolatesRule {
            fields = List.copyOf(fields);
            values = List.copyOf(values);
        }
    }

    /** A new unique rule overlaps rule {@code existingRuleId}: the same keys, a subset of them, or a superset. */
    record UniqueRuleOverlaps(long existingRuleId, Overlap overlap) implements Failure {
        public enum Overlap { SAME, EXISTING_IS_SUBSET, EXISTING_IS_SUPERSET }
    }

    /** A unique rule key of a kind other than {@code property}. */
    record UniqueKeyKindInvalid(String kind) implements Failure {}

    /** The host model refuses this attribute definition for hosts (e.g. {@code isrequired: true}). */
    record AttributeNotAllowed(String field, Object value) implements Failure {}
}
