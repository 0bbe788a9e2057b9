package dev.hostclone.adapter.http;

import dev.hostclone.adapter.http.api.ApiRoute;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.List;

/** A listening HTTP server: the port it actually bound, the APIs it serves, and how to stop it. */
public final class RunningHttpServer {

    private final Vertx vertx;
    private final String deployment;
    private final int port;
    private final List<ApiRoute> routes;
    private Future<Void> closed;

    RunningHttpServer(Vertx vertx, String deployment, int port, List<ApiRoute> routes) {
        this.vertx = vertx;
        this.deployment = deployment;
        this.port = port;
        this.routes = List.copyOf(routes);
    }

    public int port() {
        return port;
    }

    public List<ApiRoute> routes() {
        return routes;
    }

    /**
     * Stops every instance: at once, no new connection is taken and idle ones close; a connection with a
     * request in flight closes once that request is answered, or when {@link HttpSettings#shutdownGraceSeconds()}
     * have passed. Completes when all are closed; asked again, completes with the first.
     */
    public synchronized Future<Void> close() {
        if (closed == null) {
            closed = vertx.undeploy(deployment);
        }
        return closed;
    }
}
