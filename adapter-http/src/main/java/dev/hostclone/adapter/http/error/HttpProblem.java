package dev.hostclone.adapter.http.error;

/**
 * A refusal the HTTP adapter decides on its own, before or around the use case: malformed JSON,
 * missing credentials, unknown routes. Domain refusals are {@code Failure}s instead.
 */
public sealed interface HttpProblem {

    /** The body is not JSON at all; line and column locate the first error (0 when unknown). */
    record MalformedJson(int line, int column) implements HttpProblem {}

    /** The body holds a zero byte: not JSON in UTF-8 (in UTF-16 or UTF-32, say), or a raw NUL. */
    record NotUtf8() implements HttpProblem {}

    /** The body is JSON but not an object. */
    record BodyNotAnObject() implements HttpProblem {}

    /** The same key twice in one JSON object. */
    record DuplicateKey(String field) implements HttpProblem {}

    /** The body exceeds a configured JSON limit (nesting depth, string length, number length). */
    record JsonLimitExceeded(JsonLimit limit, int max) implements HttpProblem {}

    /** A field holds the wrong JSON type (or a number out of range). */
    record WrongJsonType(String field, JsonType expected) implements HttpProblem {}

    /**
     * The caller's app or user could not be established; answers HTTP 401. {@code name} is the credential or
     * key the reason is about, for the reasons that name one, and never a value.
     */
    record Unauthenticated(AuthProblem reason, String name) implements HttpProblem {

        public Unauthenticated(AuthProblem reason) {
            this(reason, null);
        }
    }

    /**
     * A parameter of the query string, or its name ({@code parameter} null), is not percent-encoded UTF-8:
     * an escape that is no {@code %} and two hex digits, or bytes that are not well-formed UTF-8.
     */
    record QueryNotUtf8(String parameter) implements HttpProblem {}

    /** A path parameter is not percent-encoded UTF-8, as {@link QueryNotUtf8} says. */
    record PathParameterNotUtf8(String parameter) implements HttpProblem {}

    /** No API lives at this path. */
    record RouteNotFound(String method, String path) implements HttpProblem {}

    /** An API lives at this path, but not for this method. */
    record MethodNotAllowed(String method, String path) implements HttpProblem {}

    /** The request body is larger than the configured limit. */
    record BodyTooLarge(long limitBytes) implements HttpProblem {}

    /**
     * The tree the request's body would make, with the body, weighs more than the whole budget of the bodies the
     * server holds at once ({@code weightBytes} against {@code budgetBytes}): it could never be built.
     */
    record BodyTreeTooLarge(long weightBytes, long budgetBytes) implements HttpProblem {}

    /** The app has used up its requests per second on this API. */
    record TooManyRequests(int perSecond) implements HttpProblem {}

    /** The secret was not checked: as many secrets not proven before wait for their slow check as the store takes. */
    record SecretChecksBusy() implements HttpProblem {}

    /**
     * The request came on a connection opened past the server's cap on open connections; answered HTTP 503, and
     * its use case is never called.
     */
    record TooManyConnections() implements HttpProblem {}

    /**
     * The request's body, or the tree built of it, would take the bytes of bodies the server holds at once past their
     * budget; answered HTTP 503 before its body is read, or its tree built, and its use case is never called.
     */
    record TooManyBodies() implements HttpProblem {}

    /**
     * The request did not arrive and pass its checks within the request timeout; answered HTTP 503, and its
     * use case is never called.
     */
    record RequestTimedOut() implements HttpProblem {}

    /** The request line, method, path and query string, is longer than the HTTP codec reads; answers HTTP 414. */
    record RequestLineTooLong(int limitBytes) implements HttpProblem {}

    /** The request's headers are larger than the HTTP codec reads; answers HTTP 431. */
    record HeadersTooLarge(int limitBytes) implements HttpProblem {}

    /** The request is in an HTTP version of another major than 1 ({@code HTTP/2.0} in HTTP/1 text); answers HTTP 505. */
    record VersionNotSupported(String version) implements HttpProblem {}

    /** The body is in a transfer coding the server does not undo, applied before {@code chunked}; answers HTTP 501. */
    record TransferCodingNotSupported(String coding) implements HttpProblem {}

    /** The body is in a content coding ({@code Content-Encoding}) other than {@code identity}, which the server does not undo; answers HTTP 415. */
    record ContentCodingNotSupported(String coding) implements HttpProblem {}

    /** Any other client error the web layer reports with this HTTP status. */
    record BadRequest(int status) implements HttpProblem {}

    /** An unexpected fault; the request id finds its log line. */
    record Internal(String requestId) implements HttpProblem {}

    /** The JSON types a field may be required to have. */
    enum JsonType {
        INTEGER,
        STRING,
        BOOLEAN,
        OBJECT,
        ARRAY,
        /** A free-form attribute value: string, number, boolean, array of these, or null. */
        ATTRIBUTE_VALUE,
        /** A number that fits a 64-bit integer, or a finite decimal. */
        NUMBER_IN_RANGE
    }

    /** The limits a request body's JSON is read within. */
    enum JsonLimit {
        NESTING_DEPTH,
        /** Characters of one string value or key. */
        STRING_LENGTH,
        /** Characters of one number. */
        NUMBER_LENGTH
    }

    /** Why the caller was not accepted. */
    enum AuthProblem {
        APP_CODE_MISSING,
        APP_SECRET_MISSING,
        /** Unknown app or wrong secret; deliberately not told apart. */
        APP_REJECTED,
        USER_MISSING,
        /** {@code bk_username} is longer than any user's name may be ({@code UserNames.MAX_LENGTH}). */
        USER_TOO_LONG,
        /** Only {@code bk_token} was sent, and no token verifier is configured. */
        TOKEN_NOT_SUPPORTED,
        /** The {@code X-Bkapi-Authorization} header is not a JSON object of strings. */
        AUTHORIZATION_HEADER_INVALID,
        /** The {@code X-Bkapi-Authorization} header's bytes are not well-formed UTF-8. */
        AUTHORIZATION_HEADER_NOT_UTF8,
        /** The {@code X-Bkapi-Authorization} header's JSON holds a key more than once; names the key. */
        AUTHORIZATION_HEADER_KEY_REPEATED,
        /** A credential holds a NUL character, which no app, secret, user or token has; names the credential. */
        CREDENTIAL_HOLDS_NUL,
        /** The {@code X-Bkapi-Authorization} header is given more than once: which one holds is not ours to guess. */
        AUTHORIZATION_HEADER_REPEATED
    }
}
