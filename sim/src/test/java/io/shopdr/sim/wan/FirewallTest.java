package io.shopdr.sim.wan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.shopdr.validation.Cidr;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import org.junit.jupiter.api.Test;

class FirewallTest {
    private static InetAddress ip(String text) throws UnknownHostException {
        return InetAddress.getByName(text);
    }

    @Test
    void blocksMatchByPrefix() throws UnknownHostException {
        assertTrue(Cidr.parse("127.0.10.0/24").contains(ip("127.0.10.1")));
        assertFalse(Cidr.parse("127.0.10.0/24").contains(ip("127.0.11.1")));
        assertTrue(Cidr.parseAddressOrBlock("127.0.10.1").contains(ip("127.0.10.1")));
        assertTrue(Cidr.parse("0.0.0.0/0").contains(ip("203.0.113.9")));
        assertTrue(Cidr.parse("192.168.128.0/17").contains(ip("192.168.200.1")));
        assertFalse(Cidr.parse("192.168.128.0/17").contains(ip("192.168.1.1")));
        assertFalse(Cidr.parse("::/0").contains(ip("127.0.0.1")), "an IPv4 source is not in an IPv6 block");
        assertEquals("10.0.0.0/8", Cidr.parse("10.0.0.0/8").toString());
    }

    @Test
    void badAddressesAndPortsAreNamed() {
        IllegalArgumentException cidr = assertThrows(IllegalArgumentException.class, () -> Cidr.parse("10.0.0.0/33"));
        assertTrue(cidr.getMessage().contains("10.0.0.0/33"), cidr.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Cidr.parse("db.example.com"));
        IllegalArgumentException ports = assertThrows(IllegalArgumentException.class, () -> PortSet.parse("22, 70000"));
        assertTrue(ports.getMessage().contains("70000"), ports.getMessage());
    }

    @Test
    void portListsFollowLinodesSyntax() {
        PortSet set = PortSet.parse("22, 3306, 8000-8010");
        assertTrue(set.contains(3306) && set.contains(8005) && set.contains(22));
        assertFalse(set.contains(8011) || set.contains(80));
        assertTrue(PortSet.parse("").contains(12345), "Linode's omitted ports mean every port");
    }

    @Test
    void theFirstMatchingRuleDecidesAndThePolicyDecidesTheRest() throws UnknownHostException {
        InboundFirewall firewall = InboundFirewall.dropByDefault(List.of(
                FirewallRule.of(FirewallRule.Action.DROP, "TCP", "3306", "127.0.12.1/32"),
                FirewallRule.accept("TCP", "3306", "127.0.0.0/8"),
                FirewallRule.accept("UDP", "3307", "0.0.0.0/0")));
        assertTrue(firewall.admitsTcp(ip("127.0.11.1"), 3306));
        assertFalse(firewall.admitsTcp(ip("127.0.12.1"), 3306), "an earlier DROP rule wins");
        assertFalse(firewall.admitsTcp(ip("127.0.11.1"), 22), "no rule: the DROP policy");
        assertFalse(firewall.admitsTcp(ip("127.0.11.1"), 3307), "a UDP rule does not admit TCP");
        assertTrue(InboundFirewall.NONE.admitsTcp(ip("198.51.100.1"), 22));
    }

    @Test
    void regionsOwnTheirLoopbackAddresses() throws UnknownHostException {
        RegionAddresses addresses = RegionAddresses.of(List.of("us-east", "eu-west"));
        assertEquals(ip("127.0.11.1"), addresses.addressOf("eu-west"));
        assertEquals("us-east", addresses.regionOf(ip("127.0.10.1")).orElseThrow());
        assertTrue(addresses.regionOf(ip("127.0.0.1")).isEmpty());
        assertTrue(addresses.regionOf(ip("127.0.12.1")).isEmpty());
        assertThrows(IllegalArgumentException.class, () -> RegionAddresses.of(List.of("a", "a")));
        assertThrows(IllegalArgumentException.class, () -> addresses.addressOf("ap-south"));
    }
}
