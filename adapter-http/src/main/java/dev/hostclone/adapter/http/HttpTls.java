package dev.hostclone.adapter.http;

import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.net.PemKeyCertOptions;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;

/**
 * HTTPS for the API's port: the server's certificate chain and its private key, PEM files as
 * certificate authorities and cert-manager hand them out (the key in PKCS #8, or PKCS #1 for RSA).
 * With it the port speaks TLS only; a caller's app secret then never crosses the network in clear.
 */
public record HttpTls(Path certificateChain, Path privateKey) {

    public HttpTls {
        Objects.requireNonNull(certificateChain, "certificateChain");
        Objects.requireNonNull(privateKey, "privateKey");
    }

    /**
     * Reads both files now, so that a missing or unreadable one fails the start naming it; what they
     * hold is checked as the server starts listening.
     *
     * @throws IllegalArgumentException naming the file and why it cannot be read
     */
    void checkReadable() {
        readable("certificate chain", certificateChain);
        readable("private key", privateKey);
    }

    private static void readable(String what, Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            if (in.read() < 0) {
                throw new IllegalArgumentException("the HTTPS " + what + " " + file + " is empty");
            }
        } catch (IOException unreadable) {
            throw new IllegalArgumentException("the HTTPS " + what + " " + file + " cannot be read ("
                    + unreadable.getClass().getSimpleName() + ")", unreadable);
        }
    }

    HttpServerOptions applyTo(HttpServerOptions options) {
        return options.setSsl(true).setKeyCertOptions(new PemKeyCertOptions()
                .setCertPath(certificateChain.toString())
                .setKeyPath(privateKey.toString()));
    }
}
