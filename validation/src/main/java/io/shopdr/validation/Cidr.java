package io.shopdr.validation;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;

/**
 * An IPv4 or IPv6 address block as Linode firewall rules and ACLs write it: {@code 203.0.113.0/24},
 * {@code 0.0.0.0/0}, {@code 2001:db8::/32}. Parsing never looks anything up in DNS. The one CIDR implementation of
 * shopdr: config validation, the components' firewall rules and the simulated world's firewall all use it.
 *
 * @param network      the address bytes as written (4 or 16)
 * @param prefixLength the number of leading bits that make up the block
 */
public record Cidr(byte[] network, int prefixLength) {
    public Cidr {
        network = network.clone();
        if (network.length != 4 && network.length != 16) {
            throw new IllegalArgumentException("an address has 4 or 16 bytes, not " + network.length);
        }
        if (prefixLength < 0 || prefixLength > network.length * 8) {
            throw new IllegalArgumentException("prefix length " + prefixLength + " does not fit a " + network.length * 8 + "-bit address");
        }
    }

    /**
     * Parses {@code address/prefix}.
     *
     * @throws IllegalArgumentException saying what is wrong with {@code text}
     */
    public static Cidr parse(String text) {
        String t = text == null ? "" : text.trim();
        if (!t.contains("/")) {
            throw new IllegalArgumentException("'" + t + "' is not a CIDR block: it has no /prefix");
        }
        return parseAddressOrBlock(t);
    }

    /**
     * Parses {@code address[/prefix]}; an address without a prefix is a single host (/32 or /128), as the Linode API
     * accepts it in firewall rules.
     *
     * @throws IllegalArgumentException saying what is wrong with {@code text}
     */
    public static Cidr parseAddressOrBlock(String text) {
        String t = text == null ? "" : text.trim();
        String[] parts = t.split("/", -1);
        if (parts.length > 2 || parts[0].isEmpty() || !parts[0].matches("[0-9a-fA-F:.]+")) {
            throw new IllegalArgumentException("'" + t + "' is not a CIDR block: not an address/prefix pair");
        }
        boolean v6 = parts[0].contains(":");
        if (!v6 && !parts[0].matches("(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})")) {
            throw new IllegalArgumentException("'" + t + "' is not an IPv4 address (four numbers 0-255) or an IPv6 address");
        }
        if (!v6 && java.util.Arrays.stream(parts[0].split("\\.")).anyMatch(octet -> Integer.parseInt(octet) > 255)) {
            // checked here: InetAddress would take an invalid literal for a host name and look it up
            throw new IllegalArgumentException("'" + t + "' has an octet above 255");
        }
        byte[] address;
        try {
            // only digits, hex, ':' and '.' reach here: a literal, never a host name to resolve
            address = InetAddress.getByName(parts[0]).getAddress();
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("'" + t + "' is not a valid " + (v6 ? "IPv6" : "IPv4") + " address");
        }
        if (address.length != (v6 ? 16 : 4)) {
            throw new IllegalArgumentException("'" + t + "' is not a valid " + (v6 ? "IPv6" : "IPv4") + " address");
        }
        int max = address.length * 8;
        int prefix = max;
        if (parts.length == 2) {
            if (!parts[1].matches("\\d{1,3}")) {
                throw new IllegalArgumentException("'" + t + "' has no number after '/'");
            }
            prefix = Integer.parseInt(parts[1]);
            if (prefix > max) {
                throw new IllegalArgumentException("'" + t + "' has an " + (v6 ? "IPv6" : "IPv4") + " prefix length above " + max);
            }
        }
        return new Cidr(address, prefix);
    }

    /** Whether this is an IPv6 block. */
    public boolean ipv6() {
        return network.length == 16;
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

    /** {@code address/prefix}, the address in its canonical form. */
    @Override
    public String toString() {
        try {
            return InetAddress.getByAddress(network).getHostAddress() + "/" + prefixLength;
        } catch (UnknownHostException impossible) {
            throw new IllegalStateException(impossible);
        }
    }
}
