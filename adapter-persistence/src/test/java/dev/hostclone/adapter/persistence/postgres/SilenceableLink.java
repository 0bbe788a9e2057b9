package dev.hostclone.adapter.persistence.postgres;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A TCP link to a server that can fall silent as a partitioned network does: it stops carrying
 * bytes either way, and keeps every connection open, so neither end learns anything until it is
 * heard again. Connections made while it is silent are accepted and carry nothing. Bytes read
 * while silent are held and delivered, in order, once it is heard again.
 */
public final class SilenceableLink implements AutoCloseable {

    private static final int CHUNK = 16 * 1024;

    private final ServerSocket listener;
    private final int upstreamPort;
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();
    private final Object gate = new Object();
    private boolean silent;
    /** Pumps holding bytes read while silent; guarded by {@link #gate}. */
    private int holding;
    private volatile boolean closed;
    private final AtomicInteger accepted = new AtomicInteger();
    private final AtomicInteger writesToServer = new AtomicInteger();

    private SilenceableLink(int upstreamPort) throws IOException {
        this.upstreamPort = upstreamPort;
        this.listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread acceptor = new Thread(this::accept, "link-accept");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    /** A link listening on a free loopback port, carrying to {@code upstreamPort} on the loopback. */
    public static SilenceableLink to(int upstreamPort) throws IOException {
        return new SilenceableLink(upstreamPort);
    }

    public int port() {
        return listener.getLocalPort();
    }

    /** From now on nothing crosses, either way, until {@link #heal}. */
    public void silence() {
        synchronized (gate) {
            silent = true;
        }
    }

    /** Whether some bytes, read while silent, wait to cross: a statement sent since {@link #silence}. */
    public boolean holdsBytes() {
        synchronized (gate) {
            return holding > 0;
        }
    }

    /** How many connections it has accepted, while silent too. */
    public int connectionsAccepted() {
        return accepted.get();
    }

    /**
     * How many times it has carried bytes read from a client on to the server: on a connection whose client
     * sends a statement now and then, and nothing else, how many statements have reached the server.
     */
    public int writesToServer() {
        return writesToServer.get();
    }

    /** Carries again, the bytes held first. */
    public void heal() {
        synchronized (gate) {
            silent = false;
            gate.notifyAll();
        }
    }

    private void accept() {
        while (!closed) {
            Socket downstream;
            try {
                downstream = listener.accept();
            } catch (IOException closedListener) {
                continue;
            }
            accepted.incrementAndGet();
            try {
                Socket upstream = new Socket(InetAddress.getLoopbackAddress(), upstreamPort);
                sockets.add(downstream);
                sockets.add(upstream);
                pump(downstream, upstream, writesToServer);
                pump(upstream, downstream, new AtomicInteger());
            } catch (IOException refused) {
                closeQuietly(downstream);
            }
        }
    }

    private void pump(Socket from, Socket to, AtomicInteger writes) throws IOException {
        InputStream in = from.getInputStream();
        OutputStream out = to.getOutputStream();
        Thread pump = new Thread(() -> {
            byte[] buffer = new byte[CHUNK];
            try {
                for (int read = in.read(buffer); read >= 0; read = in.read(buffer)) {
                    awaitHeard();
                    out.write(buffer, 0, read);
                    out.flush();
                    writes.incrementAndGet();
                }
                to.shutdownOutput();
            } catch (IOException | InterruptedException gone) {
                closeQuietly(from);
                closeQuietly(to);
            }
        }, "link-pump");
        pump.setDaemon(true);
        pump.start();
    }

    private void awaitHeard() throws InterruptedException {
        synchronized (gate) {
            if (!silent || closed) {
                return;
            }
            holding++;
            try {
                while (silent && !closed) {
                    gate.wait();
                }
            } finally {
                holding--;
            }
        }
    }

    /**
     * Resets every connection made so far, as a PostgreSQL killed with bytes unread resets its own: the
     * link still accepts, and carries the connections made from now on.
     */
    public void resetConnections() {
        List<Socket> made = List.copyOf(sockets);
        for (Socket socket : made) {
            try {
                socket.setSoLinger(true, 0);
            } catch (IOException closedAlready) {
                // nothing to reset
            }
            closeQuietly(socket);
        }
        sockets.removeAll(made);
    }

    @Override
    public void close() {
        closed = true;
        heal();
        closeQuietly(listener);
        sockets.forEach(SilenceableLink::closeQuietly);
    }

    private static void closeQuietly(AutoCloseable closeable) {
        try {
            closeable.close();
        } catch (Exception alreadyClosed) {
            // nothing to release
        }
    }
}
