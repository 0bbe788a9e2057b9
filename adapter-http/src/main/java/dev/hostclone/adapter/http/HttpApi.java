package dev.hostclone.adapter.http;

import dev.hostclone.adapter.http.api.ApiEndpoint;
import dev.hostclone.adapter.http.api.ApiRoute;
import dev.hostclone.adapter.http.auth.CallerAuthenticator;
import dev.hostclone.adapter.http.json.JsonBodyParser;
import dev.hostclone.adapter.http.metrics.HttpMetrics;
import dev.hostclone.adapter.http.server.ApiRouter;
import dev.hostclone.adapter.http.server.BodyBudget;
import dev.hostclone.adapter.http.server.ConnectionCap;
import dev.hostclone.adapter.http.server.Draining;
import dev.hostclone.adapter.http.server.Http1Pipeline;
import dev.hostclone.adapter.http.server.InvalidRequests;
import dev.hostclone.adapter.http.server.RateLimits;
import dev.hostclone.adapter.http.server.RequestGuards;
import dev.hostclone.application.port.in.AuthenticateAppUseCase;
import dev.hostclone.application.port.in.CheckReadinessUseCase;
import io.github.bucket4j.TimeMeter;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.VerticleBase;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.Router;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * HostClone's BlueKing-compatible HTTP API: every given {@link ApiEndpoint} on both doors (API.md
 * §1), credentials checked through {@link AuthenticateAppUseCase}, every answer in the envelope;
 * beside it {@code /healthz}, {@code /readyz} (through {@link CheckReadinessUseCase}) and
 * {@code /metrics} (the registry of {@link HttpMetrics}), which ask for no credentials.
 * Build the endpoints with {@code ApiEndpoints.of(...)}; add an API by adding its endpoint.
 */
public final class HttpApi {

    private final Vertx vertx;
    private final HttpSettings settings;
    private final CallerAuthenticator authenticator;
    private final CheckReadinessUseCase readiness;
    private final HttpMetrics metrics;
    private final List<ApiEndpoint<?, ?>> endpoints;
    private final Draining draining = new Draining();
    private final ConnectionCap connectionCap;
    private final BodyBudget bodyBudget;
    private final TimeMeter rateClock;
    private Router router;

    public HttpApi(Vertx vertx, HttpSettings settings, AuthenticateAppUseCase authenticateApp,
                   CheckReadinessUseCase readiness, HttpMetrics metrics, List<? extends ApiEndpoint<?, ?>> endpoints) {
        this(vertx, settings, authenticateApp, readiness, metrics, endpoints, TimeMeter.SYSTEM_NANOTIME);
    }

    /**
     * As above, with the rate limits refilled by {@code rateClock} rather than the system's: a test's own
     * clock, held still, shows the limit without depending on how fast the machine sends the requests.
     */
    public HttpApi(Vertx vertx, HttpSettings settings, AuthenticateAppUseCase authenticateApp,
                   CheckReadinessUseCase readiness, HttpMetrics metrics, List<? extends ApiEndpoint<?, ?>> endpoints,
                   TimeMeter rateClock) {
        this.rateClock = Objects.requireNonNull(rateClock, "rateClock");
        this.vertx = Objects.requireNonNull(vertx, "vertx");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.authenticator = new CallerAuthenticator(Objects.requireNonNull(authenticateApp, "authenticateApp"));
        this.readiness = Objects.requireNonNull(readiness, "readiness");
        this.metrics = Objects.requireNonNull(metrics, "metrics");
        this.endpoints = List.copyOf(endpoints);
        requireDistinct(this.endpoints);
        this.connectionCap = new ConnectionCap(vertx, settings.maxConnections(), settings.evictIdleAfterMillis(),
                metrics);
        this.bodyBudget = new BodyBudget(settings.limits().bodyBudgetBytes(), settings.limits().bodyBytes(), metrics);
        metrics.rateLimitedOn(routes().stream().map(ApiRoute::name).toList());
    }

    /** The APIs served, in registration order. */
    public List<ApiRoute> routes() {
        return endpoints.stream().map(ApiEndpoint::route).toList();
    }

    /** The router (built once), for mounting into another server. */
    public synchronized Router router() {
        if (router == null) {
            RequestLimits limits = settings.limits();
            router = ApiRouter.create(vertx, settings.defaultLanguage(), limits.bodyBytes(), settings.requestTimeoutSeconds(),
                    new RequestGuards(new JsonBodyParser(limits.jsonNestingDepth(), limits.stringLength()), authenticator,
                            new RateLimits(settings.rateLimitPerSecond(), rateClock, metrics::rateLimited), bodyBudget),
                    readiness, metrics, draining, connectionCap, endpoints);
        }
        return router;
    }

    /**
     * Starts the configured number of server instances on the configured host and port, one event loop
     * each, and completes once all listen; Vert.x spreads connections over them. Port 0 means a free
     * port: one is picked first so every instance binds the same one (instances told port 0 would each
     * get their own); should another process take it meanwhile, a new one is picked. With
     * {@link HttpSettings#tls()} the port speaks HTTPS only, its files read now (a start fails naming
     * one it cannot read) and again for renewals. The instances share {@link HttpSettings#maxConnections()}: one
     * count of the connections open on them all, and on the servers of any later start of this API.
     */
    public Future<RunningHttpServer> start() {
        HttpTls.Pair certificate;
        try {
            certificate = settings.tls() == null ? null : settings.tls().read();
            if (certificate != null) {
                certificate.requireKeyOfCertificate(vertx, settings.tls());
            }
        } catch (IllegalArgumentException unreadable) {
            return Future.failedFuture(unreadable);
        }
        if (settings.port() != 0) {
            return deploy(settings.port(), certificate);
        }
        return deploy(freePort(), certificate).recover(failure -> failure instanceof BindException
                ? deploy(freePort(), certificate) : Future.failedFuture(failure));
    }

    private Future<RunningHttpServer> deploy(int port, HttpTls.Pair certificate) {
        Router shared = router();
        // HTTP/1.1 only, as BlueKing's callers speak it: over h2c, Vert.x refuses oversized headers itself,
        // with an empty body instead of the envelope. The idle timeout watches the connection behind the HTTP
        // decoder, so only a whole request head or body chunk counts as activity: header bytes trickled in
        // without completing a head do not keep a connection open (IdleConnectionTest); a connection waiting
        // for its answer is not idle (Http1Pipeline).
        HttpServerOptions options = new HttpServerOptions().setHost(settings.host()).setPort(port)
                .setHttp2ClearTextEnabled(false)
                .setIdleTimeout(settings.idleTimeoutSeconds())
                .setIdleTimeoutUnit(TimeUnit.SECONDS);
        if (certificate != null) {
            options.setSsl(true).setKeyCertOptions(certificate.keyCertOptions());
        }
        AtomicBoolean renewalWatched = new AtomicBoolean();
        Handler<HttpConnection> opened = Http1Pipeline.installer(options, connectionCap);
        return vertx.deployVerticle(() -> new ServerVerticle(options, opened, shared,
                                InvalidRequests.handler(settings.defaultLanguage(), metrics, options),
                                settings.tls(), certificate, renewalWatched, settings.shutdownGraceSeconds(), draining),
                        new DeploymentOptions().setInstances(settings.instances()))
                .map(id -> new RunningHttpServer(vertx, id, port, routes()));
    }

    private int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(settings.host()))) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free port on " + settings.host(), e);
        }
    }

    private static void requireDistinct(List<ApiEndpoint<?, ?>> endpoints) {
        Set<String> names = new HashSet<>();
        Set<String> v3Routes = new HashSet<>();
        for (ApiEndpoint<?, ?> endpoint : endpoints) {
            ApiRoute route = endpoint.route();
            if (!names.add(route.name())) {
                throw new IllegalArgumentException("API registered twice: " + route.name());
            }
            if (!v3Routes.add(route.v3Method() + " " + route.v3RouterPath())) {
                throw new IllegalArgumentException("v3 route registered twice: " + route.v3Method() + " " + route.v3Path());
            }
        }
    }

    /**
     * One HTTP server on its own event loop; the router is shared, its routes never change once built.
     * Undeployed, it shuts its server down gracefully: no new connection is taken and idle ones close at
     * once, while each connection with a request in flight closes once that request is answered (the
     * answer saying {@code Connection: close}, see {@link Draining}), or at the end of the grace period,
     * whichever comes first.
     */
    private static final class ServerVerticle extends VerticleBase {

        private final HttpServerOptions options;
        private final Handler<HttpConnection> opened;
        private final Router router;
        private final Handler<HttpServerRequest> invalidRequests;
        private final HttpTls tls;
        private final HttpTls.Pair certificate;
        private final AtomicBoolean renewalWatched;
        private final int shutdownGraceSeconds;
        private final Draining draining;
        private HttpServer server;

        ServerVerticle(HttpServerOptions options, Handler<HttpConnection> opened, Router router,
                       Handler<HttpServerRequest> invalidRequests, HttpTls tls, HttpTls.Pair certificate,
                       AtomicBoolean renewalWatched, int shutdownGraceSeconds, Draining draining) {
            this.options = options;
            this.opened = opened;
            this.router = router;
            this.invalidRequests = invalidRequests;
            this.tls = tls;
            this.certificate = certificate;
            this.renewalWatched = renewalWatched;
            this.shutdownGraceSeconds = shutdownGraceSeconds;
            this.draining = draining;
        }

        /**
         * Listens; with HTTPS, the first instance to listen also watches the certificate files for the
         * deployment: the instances on one port share one listening server, which any instance's
         * certificate update changes, so one watcher reads the files and logs a renewal once.
         */
        @Override
        public Future<?> start() {
            return vertx.createHttpServer(options).connectionHandler(opened)
                    .requestHandler(router).invalidRequestHandler(invalidRequests).listen()
                    .onSuccess(listening -> {
                        server = listening;
                        if (tls != null && renewalWatched.compareAndSet(false, true)) {
                            CertificateRenewal.watch(vertx, tls, listening, certificate);
                        }
                    });
        }

        @Override
        public Future<?> stop() {
            if (server == null) {
                return Future.succeededFuture();
            }
            draining.begin(server.actualPort());
            return server.shutdown(shutdownGraceSeconds, TimeUnit.SECONDS);
        }
    }
}
