package io.shopdr.program;

import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class StackSettingsTest {
    /** A valid two-region config as the engine passes it (lists and objects as JSON text). */
    static Map<String, String> valid() {
        Map<String, String> c = new HashMap<>();
        c.put("regions", "[\"us-east\",\"eu-west\"]");
        c.put("domain", "shop.example.com");
        c.put("kubernetesVersion", "1.31");
        c.put("nodePools", "[{\"type\":\"g6-dedicated-4\",\"min\":3,\"max\":6}]");
        c.put("store", "{\"repository\":\"https://charts.example.com/shop\",\"chart\":\"storefront\",\"version\":\"1.0.0\"}");
        c.put("dbAdminPassword", "a");
        c.put("dbReplicationPassword", "r");
        c.put("dbAppPassword", "p");
        return c;
    }

    static StackSettings.Source source(Map<String, String> config, Set<String> secretKeys) {
        return new StackSettings.Source() {
            @Override public Optional<String> get(String key) { return Optional.ofNullable(config.get(key)); }
            @Override public boolean isSecret(String key) { return secretKeys.contains(key); }
        };
    }

    static StackSettings.Source source(Map<String, String> config) {
        return source(config, Set.copyOf(StackSettings.REQUIRED_SECRETS));
    }

    private static String problems(Map<String, String> config) {
        return assertThrows(IllegalArgumentException.class, () -> StackSettings.from(source(config))).getMessage();
    }

    @Test
    void readsAValidConfigWithDefaults() {
        var s = StackSettings.from(source(valid()));
        assertEquals("us-east", s.primaryRegion());
        assertEquals(List.of("eu-west"), s.standbyRegions());
        assertEquals("1.31", s.kubernetesVersion());
        assertEquals(6, s.nodePools().get(0).max());
        assertTrue(s.haControlPlane());
        assertEquals("mariadb-10.11", s.dbEngine());
        assertEquals("shop-example-com-assets-eu-west", s.bucketLabel("eu-west"));
        assertEquals(15, s.mirrorIntervalMinutes());
        assertEquals("storefront", s.store().chart().orElseThrow());
        assertEquals(2, s.store().replicas());
    }

    @Test
    void singleRegionIsRefusedNamingTheKey() {
        var c = valid();
        c.put("regions", "[\"us-east\"]");
        assertTrue(problems(c).contains("shopdr:regions must list at least two regions"));
    }

    @Test
    void duplicateAndUnknownRegionsAndMissingDomainAreAllReported() {
        var c = valid();
        c.put("regions", "[\"us-east\",\"us-east\",\"moon-1\"]");
        c.remove("domain");
        String m = problems(c);
        assertTrue(m.contains("twice"), m);
        assertTrue(m.contains("shopdr:regions[2] 'moon-1' is not a known Linode region id"), m);
        assertTrue(m.contains("shopdr:domain is missing"), m);
        assertFalse(m.contains("bucketPrefix"), "no follow-on error from the missing domain: " + m);
    }

    @Test
    void kubernetesVersionMustBeOneMajorMinor() {
        var c = valid();
        c.put("kubernetesVersion", "latest");
        assertTrue(problems(c).contains("shopdr:kubernetesVersion 'latest' is not major.minor"));
        c.remove("kubernetesVersion");
        assertTrue(problems(c).contains("shopdr:kubernetesVersion is missing"));
    }

    @Test
    void requiredSecretsMustBeSetAndSetAsSecrets() {
        var c = valid();
        c.remove("dbReplicationPassword");
        String missing = problems(c);
        assertTrue(missing.contains("shopdr:dbReplicationPassword is missing: pulumi config set --secret"), missing);

        var plain = assertThrows(IllegalArgumentException.class,
                () -> StackSettings.from(source(valid(), Set.of("dbAdminPassword", "dbReplicationPassword")))).getMessage();
        assertTrue(plain.contains("shopdr:dbAppPassword is stored in plain text"), plain);
        assertFalse(plain.contains("\"p\""), "never echo a secret value");
    }

    @Test
    void poolsStoreAssetsAndCidrsAreValidated() {
        var c = valid();
        c.put("nodePools", "[{\"type\":\"g6-standard-2\",\"min\":4,\"max\":2}]");
        c.put("store", "{\"chart\":\"storefront\"}");
        c.put("assets", "{\"bucketPrefix\":\"Shop_Assets\",\"mirrorIntervalMinutes\":2}");
        c.put("controlPlaneAllowedCidrs", "[\"10.0.0.0/33\"]");
        c.put("dbEngine", "postgres");
        String m = problems(c);
        assertTrue(m.contains("shopdr:nodePools[0].min (4) is greater than shopdr:nodePools[0].max (2)"), m);
        assertTrue(m.contains("shopdr:store.chart needs shopdr:store.repository and a pinned shopdr:store.version"), m);
        assertTrue(m.contains("shopdr:assets.bucketPrefix 'Shop_Assets'"), m);
        assertTrue(m.contains("shopdr:assets.mirrorIntervalMinutes is 2 minutes"), m);
        assertTrue(m.contains("shopdr:controlPlaneAllowedCidrs[0]"), m);
        assertTrue(m.contains("shopdr:dbEngine 'postgres'"), m);
    }

    @Test
    void failoverPolicyIsReadWithDefaultsAndValidated() {
        var defaults = StackSettings.from(source(valid())).failover();
        assertEquals(2, defaults.probeIntervalSeconds());
        assertEquals(60, defaults.holdDownMinutes());
        assertFalse(defaults.autoFailback());
        assertTrue(defaults.tokenExpiry().isEmpty());

        var c = valid();
        c.put("failover", "{\"probeIntervalSeconds\":1,\"holdDownMinutes\":30,\"tokenExpiry\":\"2028-01-01T00:00:00Z\"}");
        c.put("dnsZoneId", "4711");
        var s = StackSettings.from(source(c));
        assertEquals(1, s.failover().probeIntervalSeconds());
        assertEquals(30, s.failover().holdDownMinutes());
        assertEquals("2028-01-01T00:00:00Z", s.failover().tokenExpiry().orElseThrow());
        assertEquals(4711, s.dnsZoneId().orElseThrow());

        c.put("failover", "{\"failureThreshold\":0,\"tokenExpiry\":\"next year\",\"autoFailback\":true,\"probeScheme\":\"ftp\"}");
        c.put("dnsZoneId", "shop");
        String m = problems(c);
        assertTrue(m.contains("shopdr:failover.failureThreshold is 0"), m);
        assertTrue(m.contains("shopdr:failover.tokenExpiry 'next year' is not an RFC 3339 time"), m);
        assertTrue(m.contains("shopdr:dnsZoneId 'shop' is not a Linode domain id"), m);
        assertTrue(m.contains("shopdr:failover.autoFailback is true, but failback is manual"), m);
        assertTrue(m.contains("shopdr:failover.probeScheme 'ftp'"), m);
    }

    @Test
    void emptyPoolsAndMissingStoreAreReported() {
        var c = valid();
        c.put("nodePools", "[]");
        c.remove("store");
        String m = problems(c);
        assertTrue(m.contains("shopdr:nodePools must list at least one pool"), m);
        assertTrue(m.contains("shopdr:store is missing"), m);
    }
}
