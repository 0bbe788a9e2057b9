package dev.hostclone.adapter.http.server;

import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The ports whose server is shutting down gracefully: it answers the requests in flight, then closes
 * their connections, so each of those answers says {@code Connection: close}, and the caller does not
 * send its next request on a connection about to close. By port, because one router may serve several
 * servers ({@code HttpApi#start} twice) and only the closing one's answers say so.
 */
public final class Draining {

    private final Set<Integer> ports = ConcurrentHashMap.newKeySet();
    /** Whether any port drains: the one read every answer pays while none does. */
    private volatile boolean any;

    /** From now on, answers on {@code port} say {@code Connection: close}. */
    public void begin(int port) {
        ports.add(port);
        any = true;
    }

    /** Adds {@code Connection: close} to the answer to {@code request} if its server is draining. */
    void mark(HttpServerRequest request) {
        if (any && ports.contains(request.localAddress().port())) {
            request.response().putHeader(HttpHeaders.CONNECTION, HttpHeaders.CLOSE);
        }
    }
}
