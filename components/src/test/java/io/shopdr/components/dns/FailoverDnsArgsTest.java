package io.shopdr.components.dns;

import com.pulumi.core.Output;
import com.pulumi.resources.ProviderResource;
import io.shopdr.components.database.ReplicatedDatabaseOutputs;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FailoverDnsArgsTest {
    private static final Clock NOV_2026 = Clock.fixed(Instant.parse("2026-11-26T10:00:00Z"), ZoneOffset.UTC);

    /** Valid except for the providers, which need a Pulumi deployment; validation only looks at the keys. */
    static FailoverDnsArgs.Builder base(Map<String, ProviderResource> providers) {
        return FailoverDnsArgs.builder().domain("shop.example.com").regions("us-east", "eu-west")
                .ingressIps(Map.of("us-east", Output.of("198.51.100.1"), "eu-west", Output.of("198.51.100.2")))
                .clusterProviders(providers)
                .database(Output.ofSecret((ReplicatedDatabaseOutputs) null))
                .clock(NOV_2026);
    }

    private static String error(FailoverDnsArgs.Builder b) {
        return assertThrows(IllegalArgumentException.class, b::build).getMessage();
    }

    @Test
    void everyBadFieldIsNamedAtOnce() {
        String m = error(FailoverDnsArgs.builder().domain("Shop Example").regions("us-east", "us-east")
                .recordNames("", "www", "www").ttl(0).controllerImage(" ").namespace("Shop_DR")
                .tokenExpiry("next year").probeScheme("ftp").probePath("healthz").clock(NOV_2026));
        for (String expected : List.of("domain: \"Shop Example\"", "regions: \"us-east\" appears more than once",
                "ingressIps: no ingress IP for region us-east",
                "clusterProviders: no Kubernetes provider for region us-east", "recordNames: \"www\" appears more than once",
                "ttl: 0", "database: required", "controllerImage:", "namespace: \"Shop_DR\"",
                "tokenExpiry: \"next year\" is not an RFC 3339 time", "probeScheme: \"ftp\"", "probePath: \"healthz\"")) {
            assertTrue(m.contains(expected), "missing <" + expected + "> in " + m);
        }
    }

    @Test
    void pastTokenExpiryIsRefused() {
        String m = error(FailoverDnsArgs.builder().domain("shop.example.com").tokenExpiry("2020-01-01T00:00:00Z").clock(NOV_2026));
        assertTrue(m.contains("tokenExpiry: 2020-01-01T00:00:00Z is in the past"), m);
    }

    @Test
    void fewerThanTwoRegionsIsRefused() {
        String m = error(base(Map.of()).regions("us-east"));
        assertTrue(m.contains("regions: need at least two regions (first = primary), got [us-east]"), m);
    }
}
