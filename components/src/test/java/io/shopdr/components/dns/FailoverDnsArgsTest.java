package io.shopdr.components.dns;

import com.pulumi.core.Output;
import com.pulumi.resources.ProviderResource;
import io.shopdr.components.database.ReplicatedDatabaseOutputs;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import io.shopdr.validation.InvalidConfigException;
import io.shopdr.validation.Problem;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
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

    private static List<Problem> problems(FailoverDnsArgs.Builder b) {
        return assertThrows(InvalidConfigException.class, b::build).problems();
    }

    private static void assertProblem(List<Problem> problems, String field, String problem) {
        assertTrue(problems.stream().anyMatch(p -> p.field().equals(field) && p.problem().contains(problem)),
                "no problem '" + problem + "' at " + field + " in " + problems);
    }

    @Test
    void everyBadFieldIsNamedAtOnce() {
        List<Problem> all = problems(FailoverDnsArgs.builder().domain("Shop Example").regions("us-east", "us-east")
                .recordNames("", "www", "www").ttl(0).controllerImage(" ").namespace("Shop_DR")
                .tokenExpiry("next year").probeScheme("ftp").probePath("healthz").clock(NOV_2026));
        assertProblem(all, "domain", "\"Shop Example\"");
        assertProblem(all, "regions", "\"us-east\" appears more than once");
        assertProblem(all, "ingressIps", "no ingress IP for region us-east");
        assertProblem(all, "clusterProviders", "no Kubernetes provider for region us-east");
        assertProblem(all, "recordNames", "\"www\" appears more than once");
        assertProblem(all, "ttl", "0 is out of range");
        assertProblem(all, "database", "is required");
        assertProblem(all, "controllerImage", "\" \" is not an image reference");
        assertProblem(all, "namespace", "\"Shop_DR\"");
        assertProblem(all, "tokenExpiry", "\"next year\" is not an RFC 3339 time");
        assertProblem(all, "probeScheme", "\"ftp\"");
        assertProblem(all, "probePath", "\"healthz\"");
        assertEquals(12, all.size(), all.toString());
    }

    @Test
    void pastTokenExpiryIsRefused() {
        assertProblem(problems(FailoverDnsArgs.builder().domain("shop.example.com").tokenExpiry("2020-01-01T00:00:00Z")
                .clock(NOV_2026)), "tokenExpiry", "2020-01-01T00:00:00Z is in the past");
    }

    @Test
    void fewerThanTwoRegionsIsRefused() {
        assertProblem(problems(base(Map.of()).regions("us-east")), "regions", "need at least two regions (first = primary), got [us-east]");
    }

    @Test
    void twoRegionsWithoutAWitnessAreWarnedThatFailoverCannotAct() {
        String warning = FailoverDnsArgs.quorumWarning(List.of("us-east", "gb-lon"), List.of()).orElseThrow();
        assertTrue(warning.startsWith("automatic failover is disabled: 2 regions [us-east, gb-lon] and no witness"), warning);
        assertTrue(warning.contains("add failover.witness"), warning);
        assertTrue(FailoverDnsArgs.quorumWarning(List.of("us-east", "gb-lon"), List.of("witness-us-ord")).isEmpty());
        assertTrue(FailoverDnsArgs.quorumWarning(List.of("us-east", "gb-lon", "us-ord"), List.of()).isEmpty(),
                "a third region votes from outside the primary's region");
    }

    @Test
    void theDeployedWitnessMustBeInAThirdRegionAndNotAlsoListed() {
        List<Problem> all = problems(base(Map.of()).witnesses(List.of("witness-eu-west"))
                .witness(new WitnessArgs("eu-west", " ", "")));
        assertProblem(all, "witness.region", "eu-west is one of the shop's regions");
        assertProblem(all, "witness.instanceType", "is empty");
        assertProblem(all, "witness.image", "is empty");
        assertProblem(all, "witnesses", "\"witness-eu-west\" is both listed and deployed");
        assertProblem(problems(base(Map.of()).witness(WitnessArgs.in("Chicago"))), "witness.region", "\"Chicago\" is not a Linode region id");
    }
}
