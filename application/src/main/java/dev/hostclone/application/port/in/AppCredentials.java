package dev.hostclone.application.port.in;

/**
 * An app's code and secret as a caller sent them (API.md §6), either absent or blank: the use case answers those
 * {@code UNKNOWN_APP} and {@code WRONG_SECRET} rather than refusing to ask. Its text never shows the secret.
 */
public record AppCredentials(String appCode, String appSecret) {

    @Override
    public String toString() {
        return "AppCredentials[appCode=" + appCode + ", appSecret=" + (appSecret == null ? null : "****") + "]";
    }
}
