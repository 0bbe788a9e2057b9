package dev.hostclone.adapter.http.api;

import dev.hostclone.adapter.http.json.JsonFields;
import dev.hostclone.domain.failure.Failure;
import dev.hostclone.domain.failure.InvalidReason;
import dev.hostclone.domain.failure.RejectedException;

/**
 * The refusal of a condition BlueKing knows that an API does not serve (1199006, {@code HostClone does not serve this
 * condition}), naming where it stands: refused, not ignored, so that no answer is wider or narrower than asked
 * (search_business, search_cloud_area, list_operation_audit).
 */
final class NotServed {

    private NotServed() {
    }

    /** The condition at {@code path}. */
    static RejectedException at(String path) {
        return RejectedException.because(new Failure.InvalidValue(path, InvalidReason.NOT_SERVED, null));
    }

    /** An operator object at {@code path}: named by its first operator, or by itself when it holds none. */
    static RejectedException operator(JsonFields operators, String path) {
        return at(operators.names().isEmpty() ? path : operators.pathOf(operators.names().get(0)));
    }
}
