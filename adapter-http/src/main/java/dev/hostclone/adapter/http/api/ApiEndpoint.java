package dev.hostclone.adapter.http.api;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hostclone.adapter.http.i18n.Language;
import dev.hostclone.domain.access.Actor;
import java.util.concurrent.CompletionStage;

/**
 * One BlueKing API: where it lives on both doors, how its request becomes a command {@code C}, which
 * use case runs it, and how the result {@code R} becomes the envelope's {@code data}. The server
 * registers it on both doors and does everything else (credentials, envelope, errors, logging).
 */
public interface ApiEndpoint<C, R> {

    ApiRoute route();

    /**
     * Reads the request into a command. Throws {@code HttpProblemException} for a wrong JSON type
     * (1199000) and {@code RejectedException} for a value the rules refuse.
     */
    C decode(ApiRequest request);

    /** Runs the use case; a refusal completes exceptionally with a {@code RejectedException}. */
    CompletionStage<R> call(Actor actor, C command);

    /** The envelope's {@code data} for a success, in the request's language. */
    JsonNode encode(R result, Language language);
}
