package dev.hostclone.domain.access;

import java.util.Objects;

/**
 * Who asks: the authenticated app, the acting user, and the request id that traces the call. The user's name is
 * kept as {@link UserNames} has it, so that it is the name stored values and lists hold, however the caller sent it.
 */
public record Actor(String appCode, String user, String requestId) {

    public Actor {
        Objects.requireNonNull(appCode, "appCode");
        user = UserNames.normalized(Objects.requireNonNull(user, "user"));
        requestId = requestId == null ? "" : requestId;
    }
}
