package io.shopdr.program;

import io.shopdr.validation.InvalidConfigException;
import io.shopdr.validation.Problem;
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

    private static List<Problem> problems(Map<String, String> config) {
        return assertThrows(InvalidConfigException.class, () -> StackSettings.from(source(config))).problems();
    }

    /** Asserts a problem at {@code field} whose text (problem; fix) contains {@code text}. */
    static void assertProblem(List<Problem> problems, String field, String text) {
        assertTrue(problems.stream().anyMatch(p -> p.field().equals(field) && p.toString().contains(text)),
                "no problem '" + text + "' at " + field + " in " + problems);
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
        assertProblem(problems(c), "shopdr:regions", "must list at least two regions");
    }

    @Test
    void duplicateAndUnknownRegionsAndMissingDomainAreAllReported() {
        var c = valid();
        c.put("regions", "[\"us-east\",\"us-east\",\"moon-1\"]");
        c.remove("domain");
        List<Problem> m = problems(c);
        assertProblem(m, "shopdr:regions", "twice");
        assertProblem(m, "shopdr:regions[2]", "\"moon-1\" is not a Linode region id");
        assertProblem(m, "shopdr:domain", "is missing");
        assertFalse(m.stream().anyMatch(p -> p.field().contains("bucketPrefix")), "no follow-on error from the missing domain: " + m);
        assertEquals(3, m.size(), m.toString());
    }

    @Test
    void kubernetesVersionMustBeOneMajorMinor() {
        var c = valid();
        c.put("kubernetesVersion", "latest");
        assertProblem(problems(c), "shopdr:kubernetesVersion", "\"latest\" is not major.minor");
        c.remove("kubernetesVersion");
        assertProblem(problems(c), "shopdr:kubernetesVersion", "is missing");
    }

    @Test
    void requiredSecretsMustBeSetAndSetAsSecrets() {
        var c = valid();
        c.remove("dbReplicationPassword");
        assertProblem(problems(c), "shopdr:dbReplicationPassword", "is missing; pulumi config set --secret");

        var plain = assertThrows(InvalidConfigException.class,
                () -> StackSettings.from(source(valid(), Set.of("dbAdminPassword", "dbReplicationPassword"))));
        assertProblem(plain.problems(), "shopdr:dbAppPassword", "is stored in plain text");
        assertFalse(plain.getMessage().contains("\"p\""), "never echo a secret value");
    }

    @Test
    void poolsStoreAssetsAndCidrsAreValidated() {
        var c = valid();
        c.put("nodePools", "[{\"type\":\"g6-standard-2\",\"min\":4,\"max\":2}]");
        c.put("store", "{\"chart\":\"storefront\"}");
        c.put("assets", "{\"bucketPrefix\":\"Shop_Assets\",\"mirrorIntervalMinutes\":2}");
        c.put("controlPlaneAllowedCidrs", "[\"10.0.0.0/33\"]");
        c.put("dbEngine", "postgres");
        List<Problem> m = problems(c);
        assertProblem(m, "shopdr:nodePools[0].min", "(4) is greater than shopdr:nodePools[0].max (2)");
        assertProblem(m, "shopdr:store.chart", "has no shopdr:store.repository or no pinned shopdr:store.version");
        assertProblem(m, "shopdr:assets.bucketPrefix", "\"Shop_Assets\"");
        assertProblem(m, "shopdr:assets.mirrorIntervalMinutes", "is 2 minutes");
        assertProblem(m, "shopdr:controlPlaneAllowedCidrs[0]", "'10.0.0.0/33' has an IPv4 prefix length above 32");
        assertProblem(m, "shopdr:dbEngine", "\"postgres\"");
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
        List<Problem> m = problems(c);
        assertProblem(m, "shopdr:failover.failureThreshold", "is 0");
        assertProblem(m, "shopdr:failover.tokenExpiry", "\"next year\" is not an RFC 3339 time");
        assertProblem(m, "shopdr:dnsZoneId", "\"shop\" is not a Linode domain id");
        assertProblem(m, "shopdr:failover.autoFailback", "is true, but failback is manual");
        assertProblem(m, "shopdr:failover.probeScheme", "\"ftp\"");
    }

    @Test
    void emptyPoolsAndMissingStoreAreReported() {
        var c = valid();
        c.put("nodePools", "[]");
        c.remove("store");
        List<Problem> m = problems(c);
        assertProblem(m, "shopdr:nodePools", "must list at least one pool");
        assertProblem(m, "shopdr:store", "is missing");
    }

    @Test
    void aWitnessIsReadFromFailoverWitnessWithTheNanodeByDefault() {
        var c = valid();
        c.put("failover", "{\"witness\":{\"region\":\"us-ord\"}}");
        var w = StackSettings.from(source(c)).failover().witness().orElseThrow();
        assertEquals("us-ord", w.region());
        assertEquals("g6-nanode-1", w.instanceType());
        c.put("failover", "{\"witness\":{\"region\":\"us-ord\",\"type\":\"g6-standard-1\"}}");
        assertEquals("g6-standard-1", StackSettings.from(source(c)).failover().witness().orElseThrow().instanceType());
        assertTrue(StackSettings.from(source(valid())).failover().witness().isEmpty(), "none unless configured");
    }

    @Test
    void aWitnessInOneOfTheShopsRegionsOrAnUnknownOneIsRefused() {
        var c = valid();
        c.put("failover", "{\"witness\":{\"region\":\"eu-west\",\"size\":\"small\"}}");
        var problems = problems(c);
        assertProblem(problems, "shopdr:failover.witness.region", "eu-west is one of the shop's regions");
        assertProblem(problems, "shopdr:failover.witness.size", "is not a witness setting");
        c.put("failover", "{\"witness\":{\"region\":\"us-moon\"}}");
        assertProblem(problems(c), "shopdr:failover.witness.region", "\"us-moon\" is not a known Linode region id");
        c.put("failover", "{\"witness\":\"us-ord\"}");
        assertProblem(problems(c), "shopdr:failover.witness", "is not {region, type}");
    }
}
