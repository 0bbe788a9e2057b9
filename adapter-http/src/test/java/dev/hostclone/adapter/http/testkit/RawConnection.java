package dev.hostclone.adapter.http.testkit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.http.HttpHeaders;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;

/**
 * One TCP connection to the server, for what an HTTP client will not do: send a request in pieces,
 * byte by byte, several at once, or never finish it; then read the answers as they come and see
 * whether, and when, the server closes the connection. Reads give up after 15 s.
 */
public final class RawConnection implements AutoCloseable {

    private static final int READ_TIMEOUT_MILLIS = 15_000;
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;
    private final long openedNanos = System.nanoTime();
    private Thread trickling;
    private volatile boolean trickledAll;
    private String statusLine;

    private RawConnection(Socket socket) throws IOException {
        this.socket = socket;
        this.in = socket.getInputStream();
        this.out = socket.getOutputStream();
    }

    public static RawConnection open(FakeBackedServer server) {
        return open(server.port());
    }

    public static RawConnection open(int port) {
        try {
            Socket socket = new Socket("127.0.0.1", port);
            socket.setSoTimeout(READ_TIMEOUT_MILLIS);
            return new RawConnection(socket);
        } catch (IOException failed) {
            throw new UncheckedIOException(failed);
        }
    }

    /**
     * A connection whose receive buffer holds about {@code bytes} (the kernel may round it up): an answer larger
     * than that and the server's send buffer stays in the server's hands until this reads it.
     */
    public static RawConnection openReceivingAtMost(int port, int bytes) {
        try {
            Socket socket = new Socket();
            socket.setReceiveBufferSize(bytes);
            socket.connect(new InetSocketAddress("127.0.0.1", port));
            socket.setSoTimeout(READ_TIMEOUT_MILLIS);
            return new RawConnection(socket);
        } catch (IOException failed) {
            throw new UncheckedIOException(failed);
        }
    }

    /**
     * Whether connecting to {@code port} is refused, tried until it is or {@code bound} passes: a server
     * that stops listening does so on its own event loop, a moment after it was asked.
     */
    public static boolean refusedWithin(int port, Duration bound) {
        try {
            Awaitility.await().atMost(bound).pollInterval(Duration.ofMillis(10)).until(() -> refuses(port));
            return true;
        } catch (ConditionTimeoutException stillListening) {
            return false;
        }
    }

    private static boolean refuses(int port) {
        try (Socket ignored = new Socket("127.0.0.1", port)) {
            return false;
        } catch (ConnectException refused) {
            return true;
        } catch (IOException other) {
            return false;
        }
    }

    /** A complete HTTP/1.1 POST of this JSON body, to send on a connection. */
    public static String post(String path, String json) {
        return "POST " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: "
                + json.getBytes(StandardCharsets.UTF_8).length + "\r\n\r\n" + json;
    }

    /** How long ago the connection was opened. */
    public Duration age() {
        return Duration.ofNanos(System.nanoTime() - openedNanos);
    }

    public void send(String text) {
        send(text.getBytes(StandardCharsets.UTF_8));
    }

    /** Sends exactly these bytes, which need not be UTF-8: a header or request line no HTTP client would send. */
    public void send(byte[] bytes) {
        try {
            out.write(bytes);
            out.flush();
        } catch (IOException failed) {
            throw new UncheckedIOException(failed);
        }
    }

    /** Sends {@code text} one byte every {@code interval} in the background, until all is sent or the server closes the connection. */
    public void trickle(String text, Duration interval) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        trickling = new Thread(() -> {
            try {
                for (byte b : bytes) {
                    Thread.sleep(interval.toMillis());
                    out.write(b);
                    out.flush();
                }
                trickledAll = true;
            } catch (IOException | InterruptedException stopped) {
                // the server closed the connection, or the test is over
            }
        }, "trickle");
        trickling.setDaemon(true);
        trickling.start();
    }

    /**
     * Whether the last {@link #trickle} sent all its text: false while it still trickles, and once the server closed
     * the connection before it was all sent.
     */
    public boolean trickledAll() {
        return trickledAll;
    }

    /**
     * Sends {@code request} and reads its answer, then sends an ESB clone on the same connection and reads that one's: the
     * two answers, in order, to show whether the first left the connection able to serve the next.
     */
    public List<ApiResponse> answerThenTheNextClone(String request) {
        send(request);
        ApiResponse first = readResponse();
        send(post(FakeBackedServer.ESB_CLONE_PATH, FakeBackedServer.ESB_CLONE_BODY));
        return List.of(first, readResponse());
    }

    /** Reads one HTTP/1.1 answer: status line, headers, then a body of {@code Content-Length} bytes. */
    public ApiResponse readResponse() {
        try {
            HttpHeaders headers = readResponseHead();
            int length = (int) headers.firstValueAsLong("Content-Length").orElseThrow();
            String body = new String(in.readNBytes(length), StandardCharsets.UTF_8);
            return new ApiResponse(Integer.parseInt(statusLine.split(" ")[1]), headers, body, MAPPER.readTree(body));
        } catch (JsonProcessingException notJson) {
            throw new AssertionError("the answer is not JSON", notJson);
        } catch (IOException failed) {
            throw new UncheckedIOException(failed);
        }
    }

    /** Reads one HTTP/1.1 answer whose body is text, not an envelope (a scrape): its body, of {@code Content-Length} bytes. */
    public String readTextResponse() {
        try {
            int length = (int) readResponseHead().firstValueAsLong("Content-Length").orElseThrow();
            return new String(in.readNBytes(length), StandardCharsets.UTF_8);
        } catch (IOException failed) {
            throw new UncheckedIOException(failed);
        }
    }

    /** Reads the head of one answer, status line and headers, and nothing after it: the answer to a HEAD. */
    public HttpHeaders readResponseHead() {
        try {
            String[] head = new String(readHead(), StandardCharsets.US_ASCII).split("\r\n");
            statusLine = head[0];
            Map<String, List<String>> fields = new HashMap<>();
            for (int i = 1; i < head.length; i++) {
                int colon = head[i].indexOf(':');
                fields.put(head[i].substring(0, colon).trim(), List.of(head[i].substring(colon + 1).trim()));
            }
            return HttpHeaders.of(fields, (name, value) -> true);
        } catch (IOException failed) {
            throw new UncheckedIOException(failed);
        }
    }

    /** The status line of the answer {@link #readResponse()} read last ({@code HTTP/1.1 200 OK}). */
    public String statusLine() {
        return statusLine;
    }

    /** Reads until the server closes the connection and returns what it sent; fails if it is still open after 15 s. */
    public String readUntilClosed() {
        return readUntilClosed(Duration.ofMillis(READ_TIMEOUT_MILLIS));
    }

    /**
     * As {@link #readUntilClosed()}, but fails once nothing has come for {@code patience}; the read timeout the
     * connection had is given back when this returns or throws.
     */
    public String readUntilClosed(Duration patience) {
        ByteArrayOutputStream received = new ByteArrayOutputStream();
        byte[] buffer = new byte[1024];
        try {
            int timeoutBefore = socket.getSoTimeout();
            socket.setSoTimeout(Math.toIntExact(patience.toMillis()));
            try {
                for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                    received.write(buffer, 0, n);
                }
            } finally {
                restoreReadTimeout(timeoutBefore);
            }
        } catch (SocketTimeoutException stillOpen) {
            throw new AssertionError("the server kept the connection open for " + patience.toMillis() + " ms", stillOpen);
        } catch (SocketException reset) {
            // closed while bytes were still on their way to it: the server answers those with a reset
        } catch (IOException failed) {
            throw new UncheckedIOException(failed);
        }
        return received.toString(StandardCharsets.US_ASCII);
    }

    /** The socket's read timeout now, for the test of this class. */
    int readTimeoutMillis() {
        try {
            return socket.getSoTimeout();
        } catch (SocketException closed) {
            throw new UncheckedIOException(closed);
        }
    }

    /** Gives the socket back the read timeout it had: one closed meanwhile has none left to give back. */
    private void restoreReadTimeout(int millis) {
        try {
            socket.setSoTimeout(millis);
        } catch (SocketException closed) {
            if (!socket.isClosed()) {
                throw new UncheckedIOException(closed);
            }
        }
    }

    /** Bytes the server has sent that wait, unread, in this side's receive buffer. */
    public int unreadBytes() {
        try {
            return in.available();
        } catch (IOException failed) {
            throw new UncheckedIOException(failed);
        }
    }

    /** Closes the connection with a reset (RST), as a client killed or timing out on its side may, rather than a FIN. */
    public void reset() {
        try {
            socket.setSoLinger(true, 0);
        } catch (SocketException closed) {
            // nothing left to reset
        }
        close();
    }

    @Override
    public void close() {
        if (trickling != null) {
            trickling.interrupt();
        }
        try {
            socket.close();
        } catch (IOException ignored) {
            // nothing left to release
        }
    }

    private byte[] readHead() throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int matched = 0;
        byte[] end = {'\r', '\n', '\r', '\n'};
        while (matched < end.length) {
            int b = in.read();
            if (b < 0) {
                throw new AssertionError("the server closed the connection without answering: " + head);
            }
            head.write(b);
            matched = b == end[matched] ? matched + 1 : (b == '\r' ? 1 : 0);
        }
        return head.toByteArray();
    }
}
