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

    /** Stops accepting connections on every instance; completes when all are closed. */
    public Future<Void> close() {
        return vertx.undeploy(deployment);
    }
}
