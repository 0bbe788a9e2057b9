package dev.hostclone.adapter.http.error;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * What to answer for a refusal or fault: the HTTP status, BlueKing's code, the message, the permission
 * object or null, and when to try again ({@code Retry-After} in seconds; 0: no such header).
 */
public record ErrorReply(int httpStatus, int code, String message, JsonNode permission, int retryAfterSeconds) {

    public ErrorReply(int httpStatus, int code, String message, JsonNode permission) {
        this(httpStatus, code, message, permission, 0);
    }
}
