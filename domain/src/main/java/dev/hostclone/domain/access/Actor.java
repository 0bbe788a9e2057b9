package dev.hostclone.domain.access;

import java.util.Objects;

/** Who asks: the authenticated app, the acting user, and the request id that traces the call. */
public record Actor(String appCode, String user, String requestId) {

    public Actor {
        Objects.requireNonNull(appCode, "appCode");
        Objects.requireNonNull(user, "user");
        requestId = requestId == null ? "" : requestId;
    }
}
