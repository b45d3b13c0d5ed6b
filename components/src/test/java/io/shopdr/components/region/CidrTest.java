package io.shopdr.components.region;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CidrTest {
    @Test
    void parsesIpv4AndIpv6() {
        assertFalse(Cidr.parse("203.0.113.0/24").ipv6());
        assertTrue(Cidr.parse("2001:db8::/32").ipv6());
        assertFalse(Cidr.parse(" 0.0.0.0/0 ").ipv6());
    }

    @Test
    void refusesMalformedBlocks() {
        for (String bad : new String[] {"203.0.113.0", "203.0.113.0/33", "256.0.0.1/8", "2001:db8::/129",
                "2001:zz8::/32", "example.com/24", ""}) {
            assertThrows(IllegalArgumentException.class, () -> Cidr.parse(bad), bad);
        }
    }
}
