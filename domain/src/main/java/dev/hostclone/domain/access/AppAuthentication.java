package dev.hostclone.domain.access;

/** The answer to an app's credentials: the store's, which authenticating an app passes on. */
public enum AppAuthentication {
    ACCEPTED,
    UNKNOWN_APP,
    WRONG_SECRET,
    /** Not checked: the store has as many secrets waiting for their slow check as it takes; ask again shortly. */
    BUSY;

    public boolean accepted() {
        return this == ACCEPTED;
    }
}
