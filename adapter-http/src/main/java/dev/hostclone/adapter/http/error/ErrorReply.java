package dev.hostclone.adapter.http.error;

import com.fasterxml.jackson.databind.JsonNode;

/** What to answer for a refusal or fault: the HTTP status, BlueKing's code, the message, and the permission object or null. */
public record ErrorReply(int httpStatus, int code, String message, JsonNode permission) {
}
