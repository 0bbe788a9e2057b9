package dev.hostclone.adapter.http;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the HTTPS server instances of one port on their certificate files, from one of them (Vert.x
 * sends any instance's certificate update to the listening server they share, which every new
 * connection's handshake takes its certificate from): every {@link HttpTls#renewalCheck()} it
 * reads both without blocking the event loop and, when either changed, serves new connections with
 * the new pair; connections already open keep theirs. A pair that does not load, or whose key is not
 * the certificate's (a key written before its certificate, say), is refused with a warning and the
 * one served before stays, until the files change again. Timers set here end with the instance's
 * verticle.
 */
final class CertificateRenewal {

    private static final Logger LOG = LoggerFactory.getLogger(CertificateRenewal.class);

    private final Vertx vertx;
    private final HttpTls tls;
    private final HttpServer server;
    private HttpTls.Pair seen;

    private CertificateRenewal(Vertx vertx, HttpTls tls, HttpServer server, HttpTls.Pair served) {
        this.vertx = vertx;
        this.tls = tls;
        this.server = server;
        this.seen = served;
    }

    /** Starts watching on the calling verticle's event loop; {@code served} is the pair the server listens with. */
    static void watch(Vertx vertx, HttpTls tls, HttpServer server, HttpTls.Pair served) {
        CertificateRenewal renewal = new CertificateRenewal(vertx, tls, server, served);
        vertx.setPeriodic(tls.renewalCheck().toMillis(), tick -> renewal.check());
    }

    private void check() {
        Future<Buffer> certificate = vertx.fileSystem().readFile(tls.certificateChain().toString());
        Future<Buffer> key = vertx.fileSystem().readFile(tls.privateKey().toString());
        Future.all(certificate, key)
                .onFailure(unread -> LOG.warn("HTTPS certificate files not read for renewal, still serving the ones"
                        + " read before: {}", unread.getMessage()))
                .onSuccess(both -> renewIfChanged(new HttpTls.Pair(certificate.result(), key.result())));
    }

    private void renewIfChanged(HttpTls.Pair read) {
        if (read.equals(seen)) {
            return;
        }
        seen = read;
        vertx.executeBlocking(() -> {
                    read.requireKeyOfCertificate(vertx, tls);
                    return read;
                }, false)
                .compose(pair -> server.updateSSLOptions(pair.sslOptions(), true))
                .onSuccess(updated -> LOG.info("HTTPS certificate renewed from {} for new connections on port {}",
                        tls.certificateChain(), server.actualPort()))
                .onFailure(refused -> LOG.warn("HTTPS certificate not renewed, still serving the one before: {}",
                        refused.getMessage()));
    }
}
