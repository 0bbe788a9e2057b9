package dev.hostclone.adapter.http.api;

/** The two ways into every API (API.md §1): BlueKing's ESB gateway path and the native v3 path. */
public enum Door {
    /** {@code /api/c/compapi/v2/cc/<name>/}, credentials in the body (or query string for GET). */
    ESB("esb"),
    /** The native method and path, credentials in the {@code X-Bkapi-Authorization} header. */
    V3("v3");

    private final String label;

    Door(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
