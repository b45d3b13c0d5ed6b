package io.shopdr.program;

import com.pulumi.Context;
import com.pulumi.Pulumi;
import com.pulumi.core.Output;
import com.pulumi.exceptions.RunException;
import io.shopdr.components.dns.FailoverDns;
import io.shopdr.components.dns.FailoverDnsArgs;
import io.shopdr.components.region.AssetsArgs;
import io.shopdr.components.region.RegionStack;
import io.shopdr.components.region.RegionStackArgs;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * The shopdr Pulumi program: validates the stack config as a whole, then declares the replicated database, one
 * {@link RegionStack} per region wired to that region's database, and {@link FailoverDns} (the shop's records at the
 * primary's ingress, a controller in every region, the witness Linode of {@code failover.witness}); warns at preview
 * when a two-region stack has no witness (its controllers then never fail over on their own); exports what the post-deploy hook and the drill read
 * (contracts.md).
 */
public final class App {
    private App() {}

    public static void main(String[] args) {
        Pulumi.run(App::stack);
    }

    /**
     * Declares the stack; separate from {@link #main} so tests can run it under the mock engine. Invalid config or
     * component arguments (IllegalArgumentException, thrown before anything is registered) fail the run as a
     * {@link RunException}, which Pulumi reports as its message alone — a clear error, not a stack trace.
     */
    public static void stack(Context ctx) {
        try {
            declare(ctx);
        } catch (IllegalArgumentException e) {
            throw new RunException(e.getMessage());
        }
    }

    private static void declare(Context ctx) {
        var config = ctx.config("shopdr");
        StackSettings settings = StackSettings.from(new PulumiConfigSource(config));

        if (settings.dbEngine().startsWith("mysql")) {
            ctx.log().warn("shopdr:dbEngine " + settings.dbEngine() + " is checked at the SQL level only (recorded "
                    + "server responses): shopdr's replication has never run against a MySQL server. Run "
                    + "./shopdr replicate and a drill on staging before trusting failover with it.");
        }
        // The databases admit the clusters' nodes, and the clusters' stores connect to the databases: the
        // databases are declared first with a promise of the node addresses, kept as soon as the clusters are
        // declared (below, in this same run: it never waits on the engine).
        CompletableFuture<Output<Map<String, List<String>>>> nodeCidrs = new CompletableFuture<>();
        DatabaseWiring database = DatabaseWiring.declare(settings, config, Output.of(nodeCidrs).apply(cidrs -> cidrs));
        Optional<Output<String>> imagePullSecret = settings.hasImagePullSecret()
                ? Optional.of(config.requireSecret("imagePullSecret")) : Optional.empty();

        Map<String, RegionStack> stacks = new LinkedHashMap<>();
        RegionStack primary = null;
        for (String region : settings.regions()) {
            AssetsArgs.Builder assets = AssetsArgs.builder()
                    .bucketLabel(settings.bucketLabel(region))
                    .mirrorIntervalMinutes(settings.mirrorIntervalMinutes());
            if (primary != null) {
                assets.mirrorFrom(settings.primaryRegion(), primary.bucketLabel().applyValue(Optional::orElseThrow),
                        primary.s3Endpoint().applyValue(Optional::orElseThrow));
            }
            RegionStack stack = new RegionStack(region, RegionStackArgs.builder()
                    .region(region)
                    .kubernetesVersion(settings.kubernetesVersion())
                    .nodePools(settings.nodePools())
                    .highAvailabilityControlPlane(settings.haControlPlane())
                    .controlPlaneAllowedCidrs(settings.controlPlaneAllowedCidrs())
                    .tags("shopdr", "shopdr-" + ctx.stackName())
                    .labelPrefix(("shopdr-" + ctx.stackName() + "-" + region).replaceAll("[^A-Za-z0-9_-]", "-"))
                    .domain(settings.domain())
                    .additionalHosts("www." + settings.domain())   // FailoverDns's default records: apex and www
                    .store(settings.store())
                    .database(database.connectionFor(region))
                    .assets(assets.build())
                    .imagePullSecret(imagePullSecret.orElse(null))
                    .build());
            stacks.put(region, stack);
            if (primary == null) {
                primary = stack;
            }
        }

        nodeCidrs.complete(NodeAddresses.of(stacks));

        StackSettings.Failover policy = settings.failover();
        FailoverDnsArgs.Builder dnsArgs = FailoverDnsArgs.builder()
                .domain(settings.domain())
                .existingDomainId(settings.dnsZoneId().orElse(null))
                .regions(settings.regions())
                .ingressIps(mapOf(stacks, s -> s.ingressIp()))
                .clusterProviders(mapOf(stacks, s -> s.provider()))
                .database(database.database().outputs())
                .probeIntervalSeconds(policy.probeIntervalSeconds())
                .failureThreshold(policy.failureThreshold())
                .successThreshold(policy.successThreshold())
                .holdDownSeconds(policy.holdDownMinutes() * 60)
                .probeScheme(policy.probeScheme())
                .probePath(settings.store().healthPath())
                .witnesses(policy.witnesses())
                .witness(policy.witness().orElse(null))
                .controllerImage(settings.controllerImage())
                .imagePullSecret(imagePullSecret.orElse(null));
        policy.tokenExpiry().ifPresent(dnsArgs::tokenExpiry);
        FailoverDnsArgs failoverArgs = dnsArgs.build();
        failoverArgs.quorumWarning().ifPresent(ctx.log()::warn);
        FailoverDns dns = new FailoverDns("dns", failoverArgs);
        PostDeployHook.declare(settings, database.database(), primary.provider(),
                List.of(dns.controllers().get(settings.primaryRegion())));

        // the shop's name: the cloud drill measures through it (stack outputs, not a read of Pulumi.<stack>.yaml)
        ctx.export("domain", Output.of(settings.domain()));
        ctx.export("primaryRegion", Output.of(settings.primaryRegion()));
        ctx.export("regions", Output.of(settings.regions()));
        database.export(ctx);
        ctx.export("ingressIps", byRegion(stacks, s -> s.ingressIp()));
        ctx.export("kubeconfigs", byRegion(stacks, s -> s.kubeconfig()).asSecret());
        // region → the Linode instance ids of its LKE nodes: the cloud drill firewalls them off with the database
        ctx.export("nodeIds", byRegion(stacks, RegionStack::nodeIds));
        ctx.export("assets", byRegion(stacks, s -> Output.tuple(s.bucketLabel(), s.s3Endpoint(), s.namespace(), s.assetMirrorJob())
                .applyValue(t -> {
                    Map<String, Object> m = new LinkedHashMap<>();
                    m.put("bucketLabel", t.t1.orElseThrow());
                    m.put("s3Endpoint", t.t2.orElseThrow());
                    t.t4.ifPresent(job -> m.put("assetMirrorJob", t.t3 + "/" + job));
                    return java.util.Collections.unmodifiableMap(m);
                })));
        ctx.export("dns", Output.tuple(dns.domainId(), dns.storedTtls(), dns.ttlWarnings(), dns.tokenExpiry())
                .applyValue(t -> {
                    Map<String, Object> m = new LinkedHashMap<>();
                    m.put("domainId", t.t1);
                    m.put("storedTtls", t.t2);
                    m.put("ttlWarnings", t.t3);
                    m.put("tokenExpiry", t.t4);
                    return java.util.Collections.unmodifiableMap(m);
                }));
    }

    /** A plain map region → value, in region order. */
    static <T> Map<String, T> mapOf(Map<String, RegionStack> stacks, java.util.function.Function<RegionStack, T> value) {
        Map<String, T> m = new LinkedHashMap<>();
        stacks.forEach((region, stack) -> m.put(region, value.apply(stack)));
        return m;
    }

    /** One Output map region → value, in region order. */
    static <T> Output<Map<String, T>> byRegion(Map<String, RegionStack> stacks,
                                                java.util.function.Function<RegionStack, Output<T>> value) {
        List<String> regions = new ArrayList<>(stacks.keySet());
        List<Output<T>> values = regions.stream().map(r -> value.apply(stacks.get(r))).toList();
        return Output.all(values).applyValue(vs -> {
            Map<String, T> m = new LinkedHashMap<>();
            for (int i = 0; i < regions.size(); i++) {
                m.put(regions.get(i), vs.get(i));
            }
            return m;
        });
    }
}
