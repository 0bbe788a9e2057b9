package dev.hostclone.adapter.http.api;

import dev.hostclone.adapter.http.json.JsonFields;
import dev.hostclone.domain.failure.Failure;
import dev.hostclone.domain.failure.RejectedException;

/** The one BlueKing model HostClone serves (API.md §5): {@code bk_obj_id} must name {@code host}, else 1199011. */
final class HostObject {

    static final String FIELD = "bk_obj_id";
    static final String HOST = "host";

    private HostObject() {
    }

    /** For search_object_attribute, whose condition must name the model (creating ones leave it to the domain's rules). */
    static void required(JsonFields body) {
        if (!HOST.equals(body.optionalString(FIELD))) {
            throw RejectedException.because(new Failure.InvalidCombination(FIELD));
        }
    }

    /** For the unique-rule APIs, whose v3 path names the model and whose body may repeat it. */
    static void ifPresent(JsonFields body) {
        if (body.has(FIELD)) {
            required(body);
        }
    }
}
