package dev.hostclone.adapter.http;

import dev.hostclone.adapter.http.api.ApiRoute;
import io.vertx.core.Future;
import io.vertx.core.http.HttpServer;
import java.util.List;

/** A listening HTTP server: the port it actually bound, the APIs it serves, and how to stop it. */
public final class RunningHttpServer {

    private final HttpServer server;
    private final List<ApiRoute> routes;

    RunningHttpServer(HttpServer server, List<ApiRoute> routes) {
        this.server = server;
        this.routes = List.copyOf(routes);
    }

    public int port() {
        return server.actualPort();
    }

    public List<ApiRoute> routes() {
        return routes;
    }

    /** Stops accepting connections; completes when the server is closed. */
    public Future<Void> close() {
        return server.close();
    }
}
