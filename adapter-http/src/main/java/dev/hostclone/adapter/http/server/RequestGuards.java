package dev.hostclone.adapter.http.server;

import dev.hostclone.adapter.http.auth.CallerAuthenticator;
import dev.hostclone.adapter.http.json.JsonBodyParser;
import java.util.Objects;

/**
 * What every API request passes before its use case runs: the JSON body's limits, the caller's credentials, the app's
 * rate, room for the body's tree.
 */
public record RequestGuards(JsonBodyParser bodyParser, CallerAuthenticator authenticator, RateLimits rateLimits,
                            BodyBudget bodyBudget) {

    public RequestGuards {
        Objects.requireNonNull(bodyParser, "bodyParser");
        Objects.requireNonNull(authenticator, "authenticator");
        Objects.requireNonNull(rateLimits, "rateLimits");
        Objects.requireNonNull(bodyBudget, "bodyBudget");
    }
}
