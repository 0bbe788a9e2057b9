package dev.hostclone.domain.access;

import java.util.Objects;

/**
 * Who asks: the authenticated app, the acting user, and the request id that traces the call. The user's name is
 * kept as {@link UserNames} has it, so that it is the name stored values and lists hold, however the caller sent it.
 *
 * @throws IllegalArgumentException when the user's name is longer than {@link UserNames#MAX_LENGTH} characters: the
 *         HTTP doors refuse such a caller first (401), and an embedding application must too
 */
public record Actor(String appCode, String user, String requestId) {

    public Actor {
        Objects.requireNonNull(appCode, "appCode");
        user = UserNames.normalized(Objects.requireNonNull(user, "user"));
        if (UserNames.tooLong(user)) {
            throw new IllegalArgumentException("user: a name holds at most " + UserNames.MAX_LENGTH + " characters");
        }
        requestId = requestId == null ? "" : requestId;
    }
}
