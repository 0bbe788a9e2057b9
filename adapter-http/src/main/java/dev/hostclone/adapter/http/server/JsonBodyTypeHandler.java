package dev.hostclone.adapter.http.server;

import io.vertx.core.Handler;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;
import java.util.Locale;

/**
 * Every API body is JSON, whatever form type the caller declares, as BlueKing's gateway reads it.
 * {@code curl -d} declares {@code application/x-www-form-urlencoded}, and the body handler then
 * decodes the JSON text as a form: a value with a {@code %} not followed by two hex digits ("disk at
 * 100%"), or a body past the form decoder's 8 KB, failed as "invalid input parameter". So a declared
 * form type ({@code application/x-www-form-urlencoded}, {@code multipart/form-data}) is taken off the
 * request before the body is read, and the body is parsed as JSON like any other.
 */
final class JsonBodyTypeHandler implements Handler<RoutingContext> {

    @Override
    public void handle(RoutingContext ctx) {
        String declared = ctx.request().getHeader(HttpHeaders.CONTENT_TYPE);
        if (declared != null && isFormType(declared)) {
            ctx.request().headers().remove(HttpHeaders.CONTENT_TYPE);
        }
        ctx.next();
    }

    private static boolean isFormType(String contentType) {
        String type = contentType.trim().toLowerCase(Locale.ROOT);
        return type.startsWith("application/x-www-form-urlencoded") || type.startsWith("multipart/form-data");
    }
}
