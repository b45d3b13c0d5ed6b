package io.shopdr.sim.wan;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;

/** An address block as Linode firewall rules write it: {@code 203.0.113.7/32}, {@code 0.0.0.0/0}, {@code ::/0}. */
public record Cidr(byte[] network, int prefixLength) {
    public Cidr {
        network = network.clone();
        if (prefixLength < 0 || prefixLength > network.length * 8) {
            throw new IllegalArgumentException("prefix length " + prefixLength + " does not fit a " + network.length * 8 + "-bit address");
        }
    }

    /**
     * Parses {@code address[/prefix]}; an address without a prefix is a single host.
     *
     * @throws IllegalArgumentException naming the text and the expected form
     */
    public static Cidr parse(String text) {
        String[] parts = text.trim().split("/", -1);
        if (parts.length > 2 || parts[0].isEmpty() || !parts[0].matches("[0-9a-fA-F:.]+")) {
            throw new IllegalArgumentException("source address '" + text + "': write an IP address or CIDR block such as 198.51.100.0/24");
        }
        byte[] address;
        try {
            address = InetAddress.getByName(parts[0]).getAddress();
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("source address '" + text + "': not an IP address; write one such as 198.51.100.7/32");
        }
        int prefix;
        try {
            prefix = parts.length == 2 ? Integer.parseInt(parts[1]) : address.length * 8;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("source address '" + text + "': the prefix after '/' must be a number");
        }
        if (prefix < 0 || prefix > address.length * 8) {
            throw new IllegalArgumentException("source address '" + text + "': prefix must be 0–" + address.length * 8);
        }
        return new Cidr(address, prefix);
    }

    /** Whether {@code address} lies in this block; an IPv4 address is never in an IPv6 block and vice versa. */
    public boolean contains(InetAddress address) {
        byte[] candidate = address.getAddress();
        if (candidate.length != network.length) {
            return false;
        }
        int fullBytes = prefixLength / 8;
        for (int i = 0; i < fullBytes; i++) {
            if (candidate[i] != network[i]) {
                return false;
            }
        }
        int remainingBits = prefixLength % 8;
        if (remainingBits == 0) {
            return true;
        }
        int mask = (0xff << (8 - remainingBits)) & 0xff;
        return (candidate[fullBytes] & mask) == (network[fullBytes] & mask);
    }

    @Override
    public byte[] network() {
        return network.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Cidr other && prefixLength == other.prefixLength && Arrays.equals(network, other.network);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(network) + prefixLength;
    }

    @Override
    public String toString() {
        try {
            return InetAddress.getByAddress(network).getHostAddress() + "/" + prefixLength;
        } catch (UnknownHostException impossible) {
            throw new IllegalStateException(impossible);
        }
    }
}
