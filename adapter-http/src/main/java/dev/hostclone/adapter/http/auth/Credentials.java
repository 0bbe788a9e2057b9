package dev.hostclone.adapter.http.auth;

/** The common parameters that say who calls: app code and secret, and the user by name or by login token. Any may be null. */
public record Credentials(String appCode, String appSecret, String username, String token) {

    public static final Credentials NONE = new Credentials(null, null, null, null);

    /** Never prints the secret or the token. */
    @Override
    public String toString() {
        return "Credentials[appCode=" + appCode + ", username=" + username + "]";
    }
}
