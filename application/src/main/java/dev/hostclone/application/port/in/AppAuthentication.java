package dev.hostclone.application.port.in;

/** The answer to an app's credentials. */
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
