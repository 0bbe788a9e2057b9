package dev.hostclone.adapter.http.api;

import dev.hostclone.domain.business.BusinessId;
import dev.hostclone.domain.failure.Failure;
import dev.hostclone.domain.failure.RejectedException;

/**
 * The checks every id parameter shares, after its JSON type is known to be an integer. The domain's ids
 * ({@code HostId}, {@code BusinessId}) refuse a value that is not positive too, but as a fault: this is
 * the caller's refusal, with BlueKing's code for 0 or a negative value and the field's path.
 */
final class Ids {

    private Ids() {
    }

    /** A required id: absent or 0 is 1199010 (as BlueKing reads 0 as unset), negative 1199009. */
    static long required(Long id, String field) {
        if (id == null || id == 0) {
            throw RejectedException.because(new Failure.MissingField(field));
        }
        if (id < 0) {
            throw RejectedException.because(new Failure.NotAnInteger(field));
        }
        return id;
    }

    /** An optional business filter: absent or 0 means none, negative is 1199009. */
    static BusinessId optionalBusiness(Long id, String field) {
        return id == null || id == 0 ? null : BusinessId.of(required(id, field));
    }
}
