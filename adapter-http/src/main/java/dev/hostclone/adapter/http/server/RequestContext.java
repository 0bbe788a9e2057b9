package dev.hostclone.adapter.http.server;

import dev.hostclone.adapter.http.i18n.Language;
import io.vertx.ext.web.RoutingContext;

/**
 * What the server knows about one request as it goes: its id, language and start time, then the
 * API, door and caller once known, and the code it was answered with (for the access log).
 */
public final class RequestContext {

    private static final String KEY = RequestContext.class.getName();

    private final String requestId;
    private final Language language;
    private final long startNanos;
    private String api = "-";
    private String door = "-";
    private String app = "-";
    private String user = "-";
    private Integer code;

    RequestContext(String requestId, Language language, long startNanos) {
        this.requestId = requestId;
        this.language = language;
        this.startNanos = startNanos;
    }

    static RequestContext attach(RoutingContext ctx, RequestContext context) {
        ctx.put(KEY, context);
        return context;
    }

    /** The request's context; null only if the first handler never ran. */
    static RequestContext of(RoutingContext ctx) {
        return ctx.get(KEY);
    }

    public String requestId() {
        return requestId;
    }

    public Language language() {
        return language;
    }

    long elapsedNanos() {
        return System.nanoTime() - startNanos;
    }

    void api(String name, String doorLabel) {
        this.api = name;
        this.door = doorLabel;
    }

    void caller(String appCode, String userName) {
        this.app = bounded(appCode);
        this.user = bounded(userName);
    }

    /** The app code the caller claims, before it is proven. */
    void app(String appCode) {
        this.app = bounded(appCode);
    }

    void code(int answered) {
        this.code = answered;
    }

    String api() {
        return api;
    }

    String door() {
        return door;
    }

    String app() {
        return app;
    }

    String user() {
        return user;
    }

    /** Caller-supplied names go into the log line; keep them short. */
    private static String bounded(String text) {
        return text.length() <= 64 ? text : text.substring(0, 64) + "...";
    }

    /** The BlueKing code answered, or "-" when nothing was written (connection closed first). */
    String code() {
        return code == null ? "-" : code.toString();
    }
}
