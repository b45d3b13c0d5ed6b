package io.shopdr.sim.wan;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import javax.net.SocketFactory;

/**
 * Sockets bound to a region's address before they connect, so the {@link Wan}'s relays see which region they come
 * from. For socket code that takes a {@link SocketFactory}; Connector/J needs none: give it the connection
 * property {@code localSocketAddress=<the region's address>} (Connector/J 9.5's StandardSocketFactory binds to it).
 */
public final class RegionBoundSocketFactory extends SocketFactory {
    private final InetAddress local;

    /** Sockets from {@code region}'s address in {@code addresses}. */
    public RegionBoundSocketFactory(RegionAddresses addresses, String region) {
        this.local = addresses.addressOf(region);
    }

    @Override
    public Socket createSocket() throws IOException {
        Socket socket = new Socket();
        socket.bind(new InetSocketAddress(local, 0));
        return socket;
    }

    @Override
    public Socket createSocket(String host, int port) throws IOException {
        return connected(new InetSocketAddress(host, port));
    }

    @Override
    public Socket createSocket(String host, int port, InetAddress localHost, int localPort) throws IOException {
        return connected(new InetSocketAddress(host, port));
    }

    @Override
    public Socket createSocket(InetAddress host, int port) throws IOException {
        return connected(new InetSocketAddress(host, port));
    }

    @Override
    public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort) throws IOException {
        return connected(new InetSocketAddress(address, port));
    }

    private Socket connected(InetSocketAddress target) throws IOException {
        Socket socket = createSocket();
        socket.connect(target);
        return socket;
    }
}
