package io.shopdr.validation;

import java.net.InetAddress;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CidrTest {
    @Test
    void parsesIpv4AndIpv6() {
        assertFalse(Cidr.parse("203.0.113.0/24").ipv6());
        assertTrue(Cidr.parse("2001:db8::/32").ipv6());
        assertFalse(Cidr.parse(" 0.0.0.0/0 ").ipv6());
        assertEquals("10.0.0.0/8", Cidr.parse("10.0.0.0/8").toString());
    }

    @Test
    void refusesMalformedBlocks() {
        for (String bad : new String[] {"203.0.113.0", "203.0.113.0/33", "256.0.0.1/8", "2001:db8::/129",
                "2001:zz8::/32", "example.com/24", "", "1.2.3/8", "10.0.0.0/", "10.0.0.0/8/8"}) {
            assertThrows(IllegalArgumentException.class, () -> Cidr.parse(bad), bad);
        }
    }

    @Test
    void anAddressWithoutPrefixIsOneHostWhereTheApiAcceptsIt() throws Exception {
        Cidr host = Cidr.parseAddressOrBlock("127.0.10.1");
        assertEquals(32, host.prefixLength());
        assertTrue(host.contains(InetAddress.getByName("127.0.10.1")));
        assertFalse(host.contains(InetAddress.getByName("127.0.10.2")));
        assertThrows(IllegalArgumentException.class, () -> Cidr.parseAddressOrBlock("db.example.com"));
    }

    @Test
    void containsFollowsThePrefixBits() throws Exception {
        assertTrue(Cidr.parse("192.168.128.0/17").contains(InetAddress.getByName("192.168.200.1")));
        assertFalse(Cidr.parse("192.168.128.0/17").contains(InetAddress.getByName("192.168.1.1")));
        assertTrue(Cidr.parse("0.0.0.0/0").contains(InetAddress.getByName("203.0.113.9")));
        assertFalse(Cidr.parse("::/0").contains(InetAddress.getByName("127.0.0.1")), "an IPv4 address is not in an IPv6 block");
        assertTrue(Cidr.parse("2001:db8::/32").contains(InetAddress.getByName("2001:db8:1::5")));
    }
}
