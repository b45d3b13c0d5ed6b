package io.shopdr.sim.wan;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A listener on a region's address in front of one real server: every accepted connection is identified by its
 * source region, checked against the host's firewall, and carried over the two directed links between the
 * regions. A handle the twin gets from {@link Wan#expose}.
 */
public final class Relay implements AutoCloseable {
    /** The one source address that stands for "a process that cannot bind" (mariadbd's replication IO thread). */
    static final InetAddress UNBOUND = ipv4(127, 0, 0, 1);

    private final Wan wan;
    private final String host;
    private final String region;
    private final InetSocketAddress server;
    private final Optional<String> pinnedSource;
    private final ServerSocket listener;
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private volatile boolean closed;

    Relay(Wan wan, String host, String region, InetSocketAddress server, Optional<String> pinnedSource) throws IOException {
        this.wan = wan;
        this.host = host;
        this.region = region;
        this.server = server;
        this.pinnedSource = pinnedSource;
        this.listener = new ServerSocket();
        listener.setReuseAddress(true);
        listener.bind(new InetSocketAddress(wan.addresses().addressOf(region), 0), 512);
        Thread acceptor = new Thread(this::acceptLoop, "wan-relay-" + host + "-" + listener.getLocalPort());
        acceptor.setDaemon(true);
        acceptor.start();
    }

    /** TCP's initial retransmission timeout (RFC 6298): when a dropped SYN is sent again. */
    static final java.time.Duration SYN_RETRY = java.time.Duration.ofSeconds(1);

    private static InetAddress ipv4(int a, int b, int c, int d) {
        try {
            return InetAddress.getByAddress(new byte[] {(byte) a, (byte) b, (byte) c, (byte) d});
        } catch (java.net.UnknownHostException impossible) {
            throw new IllegalStateException(impossible);
        }
    }

    /** Where clients connect: the region's address and the relay's port. */
    public InetSocketAddress address() {
        return (InetSocketAddress) listener.getLocalSocketAddress();
    }

    /** The host this relay stands in front of. */
    public String host() {
        return host;
    }

    /** The region the host is in. */
    public String region() {
        return region;
    }

    private void acceptLoop() {
        while (!closed) {
            try {
                Socket client = listener.accept();
                open.add(client);
                admit(client);
            } catch (IOException e) {
                if (!closed) {
                    wan.log("relay " + host + " stopped accepting: " + e.getMessage());
                }
                return;
            }
        }
    }

    private void admit(Socket client) {
        InetAddress peer = client.getInetAddress();
        Optional<String> known = pinnedSource.or(() -> wan.addresses().regionOf(peer))
                .or(() -> UNBOUND.equals(peer) ? Optional.of(wan.loopbackSource(host, region)) : Optional.empty());
        // Rules are written against regions' addresses: a pinned or loopback source is judged as its region. Any
        // other address is outside every region: judged as itself (so only a rule naming it admits it) and carried
        // on the target region's own link.
        String source = known.orElse(region);
        InetAddress firewallSource = known.isPresent() ? wan.addresses().addressOf(source) : peer;
        DirectedLink up = wan.link(source, region);
        DirectedLink down = wan.link(region, source);
        up.connections.incrementAndGet();
        boolean cut = up.isCut() || down.isCut();
        boolean dropped = !cut && !admitted(firewallSource);
        if (dropped) {
            up.firewallDrops.incrementAndGet();
            wan.emit(WanEvent.Kind.FIREWALL_DROPPED, source, region, host);
        }
        if (cut || dropped) {
            awaitSynRetry(client, source, firewallSource, up, down);
            return;
        }
        open(client, source, up, down);
    }

    private boolean admitted(InetAddress firewallSource) {
        return wan.firewall(host).admitsTcp(firewallSource, server.getPort());
    }

    /**
     * A new connection whose SYN production drops: across a cut link, or one the host's firewall does not admit
     * (DROP). In production the client's connect waits, its SYN is sent again after {@link #SYN_RETRY}, and it fails
     * at its connect timeout. The relay's kernel has already completed the handshake, so left alone the client would
     * wait in the protocol's first read for its much longer read timeout instead (a JDBC client: its socket timeout,
     * 30 s, where production fails in its 2 s connect timeout). So: silent for {@link #SYN_RETRY}; then if the link
     * healed and the firewall admits the source (a fence lifted meanwhile), the connection proceeds (the retried SYN
     * got through), otherwise it is reset — failing the connect after about a second, which is sooner than
     * production's connect timeout when that is longer. Established connections across a cut hang as before, and
     * established connections survive a firewall change ({@link Wan}).
     */
    private void awaitSynRetry(Socket client, String source, InetAddress firewallSource, DirectedLink up, DirectedLink down) {
        Thread t = new Thread(() -> {
            try {
                Thread.sleep(SYN_RETRY.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            if (closed || up.isCut() || down.isCut() || !admitted(firewallSource)) {
                refuse(client);
            } else {
                open(client, source, up, down);
            }
        }, "wan-syn-retry-" + host);
        t.setDaemon(true);
        t.start();
    }

    private void open(Socket client, String source, DirectedLink up, DirectedLink down) {
        wan.emit(WanEvent.Kind.CONNECTION_OPENED, source, region, host);
        new RelayedConnection(client, up, down).start();
    }

    private void refuse(Socket client) {
        try {
            client.setSoLinger(true, 0);
            client.close();
        } catch (IOException ignored) {
            // already gone
        } finally {
            open.remove(client);
        }
    }

    /** One client connection and the upstream connection behind it. */
    private final class RelayedConnection {
        private final Socket client;
        private final DirectedLink up;
        private final DirectedLink down;
        private final Pump request;
        private final Pump response;
        private int finished;
        private volatile Socket upstream;

        RelayedConnection(Socket client, DirectedLink up, DirectedLink down) {
            this.client = client;
            this.up = up;
            this.down = down;
            this.request = new Pump(up, this::pumpDone);
            this.response = new Pump(down, this::pumpDone);
        }

        void start() {
            String name = "wan-" + up.from + "-" + host;
            request.startReading(client, name + "-req");
            Thread opener = new Thread(this::openUpstream, name + "-open");
            opener.setDaemon(true);
            opener.start();
        }

        /**
         * Opens the server side once a TCP handshake across the WAN would have completed (SYN, SYN-ACK, ACK: three
         * one-way delays, each waiting while its direction is cut), so a new connection costs what it costs in
         * production before the server sees it.
         */
        private void openUpstream() {
            try {
                Pump.sleepUntil(System.nanoTime() + up.profile().oneWayDelay().toNanos());
                up.awaitOpen();
                Pump.sleepUntil(System.nanoTime() + down.profile().oneWayDelay().toNanos());
                down.awaitOpen();
                Pump.sleepUntil(System.nanoTime() + up.profile().oneWayDelay().toNanos());
                up.awaitOpen();
                Socket upstream = new Socket();
                open.add(upstream);
                try {
                    upstream.connect(server, 5_000);
                } catch (IOException refused) {
                    wan.emit(WanEvent.Kind.SERVER_UNREACHABLE, up.from, region, host);
                    closeQuietly(upstream);
                    closeQuietly(client);
                    return;
                }
                String name = "wan-" + up.from + "-" + host;
                response.startReading(upstream, name + "-resp");
                request.startWriting(upstream, name + "-req");
                response.startWriting(client, name + "-resp");
                this.upstream = upstream;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        private synchronized void pumpDone() {
            if (++finished == 2) {
                closeQuietly(client);
                closeQuietly(upstream);
            }
        }
    }

    private void closeQuietly(Socket socket) {
        if (socket == null) {
            return;
        }
        open.remove(socket);
        try {
            socket.close();
        } catch (IOException ignored) {
            // Closing is best effort.
        }
    }

    /** Stops listening and closes every connection through this relay. */
    @Override
    public void close() {
        closed = true;
        try {
            listener.close();
        } catch (IOException ignored) {
            // Closing is best effort.
        }
        open.forEach(this::closeQuietly);
    }
}
