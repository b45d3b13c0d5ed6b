package io.shopdr.sim.linode;

import io.shopdr.validation.Cidr;
import java.io.IOException;
import java.net.InetAddress;

/** The address literals Linode accepts in A/AAAA record targets and firewall rules (never host names). */
final class AddressSyntax {
    private AddressSyntax() {}

    static boolean isIpv4(String s) {
        String[] parts = s.split("\\.", -1);
        if (parts.length != 4) {
            return false;
        }
        for (String p : parts) {
            if (p.isEmpty() || p.length() > 3 || !p.chars().allMatch(Character::isDigit) || Integer.parseInt(p) > 255) {
                return false;
            }
        }
        return true;
    }

    /** An IPv4 (or IPv6) literal with an optional /mask of at most 32 (128) bits. */
    static boolean isCidr(String s, boolean v4) {
        try {
            return s.equals(s.strip()) && Cidr.parseAddressOrBlock(s).ipv6() != v4;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** An IPv4 or IPv6 literal (hex digits, colons and dots only, so nothing is looked up in DNS). */
    static boolean isIp(String s) {
        if (!s.chars().allMatch(c -> Character.digit(c, 16) >= 0 || c == ':' || c == '.')) {
            return false;
        }
        try {
            InetAddress.getByName(s);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
