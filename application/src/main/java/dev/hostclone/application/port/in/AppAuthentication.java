package dev.hostclone.application.port.in;

/** The answer to an app's credentials. */
public enum AppAuthentication {
    ACCEPTED,
    UNKNOWN_APP,
    WRONG_SECRET;

    public boolean accepted() {
        return this == ACCEPTED;
    }
}
