package io.oasis.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The loopback port of a service instance that a test kills, hangs and brings back: dead (nothing listens, a
 * connection is refused), hung (connections are taken and never answered, as a frozen process's are), or
 * free for the test to start the instance's server on again ({@link #url()} stays the same).
 */
public final class InstancePort {

    private final int port;
    private ServerSocket hung;
    private final List<Socket> held = new CopyOnWriteArrayList<>();
    private final AtomicInteger taken = new AtomicInteger();

    private InstancePort(int port) {
        this.port = port;
    }

    /** A port nothing listens on yet: a dead instance until the test hangs it or starts a server on it. */
    public static InstancePort dead() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return new InstancePort(socket.getLocalPort());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public int port() {
        return port;
    }

    public String url() {
        return "http://127.0.0.1:" + port;
    }

    /** From now on connections are accepted and never answered. */
    public synchronized void hang() {
        if (hung != null) {
            return;
        }
        try {
            ServerSocket socket = new ServerSocket();
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 100);
            hung = socket;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot listen on port " + port, e);
        }
        Thread acceptor = new Thread(() -> {
            ServerSocket socket = hung;
            while (socket != null && !socket.isClosed()) {
                try {
                    held.add(socket.accept());
                    taken.incrementAndGet();
                } catch (IOException closed) {
                    return;
                }
            }
        }, "hung-instance-" + port);
        acceptor.setDaemon(true);
        acceptor.start();
    }

    /** The connections taken while hung, since the port was made: each a request that got no answer. */
    public int connectionsTaken() {
        return taken.get();
    }

    /** Dead again: the connections held are dropped and nothing listens (a server the test started it stops itself). */
    public synchronized void kill() {
        if (hung == null) {
            return;
        }
        try {
            hung.close();
            for (Socket socket : held) {
                socket.close();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            held.clear();
            hung = null;
        }
    }
}
