package io.shopdr.components.region;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.regex.Pattern;

/** A parsed IPv4 or IPv6 CIDR block, e.g. {@code 203.0.113.0/24}; used for the LKE control-plane ACL. */
public record Cidr(String text, boolean ipv6) {
    private static final Pattern IPV4 = Pattern.compile("(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})/(\\d{1,2})");
    private static final Pattern IPV6 = Pattern.compile("([0-9a-fA-F:]+)/(\\d{1,3})");

    /**
     * Parses a CIDR without any DNS lookup.
     *
     * @throws IllegalArgumentException when {@code text} is not an address/prefix pair
     */
    public static Cidr parse(String text) {
        String t = text == null ? "" : text.trim();
        var m4 = IPV4.matcher(t);
        if (m4.matches()) {
            for (int i = 1; i <= 4; i++) {
                if (Integer.parseInt(m4.group(i)) > 255) {
                    throw new IllegalArgumentException("'" + t + "' has an octet above 255");
                }
            }
            if (Integer.parseInt(m4.group(5)) > 32) {
                throw new IllegalArgumentException("'" + t + "' has an IPv4 prefix length above 32");
            }
            return new Cidr(t, false);
        }
        var m6 = IPV6.matcher(t);
        if (m6.matches() && m6.group(1).contains(":")) {
            try {
                // A literal containing ':' is parsed, never resolved.
                if (!(InetAddress.getByName(m6.group(1)) instanceof Inet6Address)) {
                    throw new IllegalArgumentException("'" + t + "' is not an IPv6 address");
                }
            } catch (UnknownHostException e) {
                throw new IllegalArgumentException("'" + t + "' is not a valid IPv6 address");
            }
            if (Integer.parseInt(m6.group(2)) > 128) {
                throw new IllegalArgumentException("'" + t + "' has an IPv6 prefix length above 128");
            }
            return new Cidr(t, true);
        }
        throw new IllegalArgumentException("'" + t + "' is not a CIDR block (address/prefix, e.g. 203.0.113.0/24)");
    }
}
