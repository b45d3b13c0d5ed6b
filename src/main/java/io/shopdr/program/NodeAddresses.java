package io.shopdr.program;

import com.pulumi.core.Output;
import com.pulumi.linode.LinodeFunctions;
import com.pulumi.linode.inputs.GetInstanceNetworkingArgs;
import com.pulumi.linode.outputs.GetInstanceNetworkingIpv4;
import com.pulumi.linode.outputs.GetInstanceNetworkingIpv4Address;
import com.pulumi.linode.outputs.GetInstanceNetworkingResult;
import io.shopdr.components.region.RegionStack;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The addresses the clusters' pods reach the databases from: every LKE node's public and private IPv4 address
 * ({@code /32}), looked up per node instance id with {@code getInstanceNetworking}. Pods leave a node with that
 * node's address (public towards another region's database, private towards the same data centre's), so these
 * and nothing wider are admitted on the database port — not Linode's shared private range 192.168.128.0/17.
 *
 * <p>Limit: a node the autoscaler adds after {@code pulumi up} is admitted at the next {@code pulumi up} (until
 * then, pods scheduled on it cannot reach the databases). A VPC would avoid this, but LKE joins a VPC only in its
 * Enterprise tier ({@code vpcId}/{@code subnetId} "may not be available to all users", pulumi-linode 6.0.0 schema),
 * and a VPC is regional while replication crosses regions.
 */
final class NodeAddresses {
    private NodeAddresses() {}

    /** Each cluster's node addresses as {@code a.b.c.d/32}, without duplicates, by region in region order. */
    static Output<Map<String, List<String>>> of(Map<String, RegionStack> stacks) {
        List<String> regions = List.copyOf(stacks.keySet());
        List<Output<List<String>>> perRegion = regions.stream()
                .map(r -> stacks.get(r).nodeIds().apply(ids -> Output.all(ids.stream()
                        .map(id -> LinodeFunctions.getInstanceNetworking(GetInstanceNetworkingArgs.builder().linodeId(id).build())
                                .applyValue(NodeAddresses::cidrs))
                        .toList())
                        .applyValue(lists -> List.copyOf(new LinkedHashSet<>(lists.stream().flatMap(List::stream).toList())))))
                .toList();
        return Output.all(perRegion).applyValue(lists -> {
            Map<String, List<String>> m = new LinkedHashMap<>();
            for (int i = 0; i < regions.size(); i++) m.put(regions.get(i), lists.get(i));
            return m;
        });
    }

    /** One node's public and private IPv4 addresses as /32 CIDRs. */
    static List<String> cidrs(GetInstanceNetworkingResult node) {
        return node.ipv4s().stream()
                .flatMap((GetInstanceNetworkingIpv4 v4) -> Stream.concat(v4.publics().stream(), v4.privates().stream()))
                .map(GetInstanceNetworkingIpv4Address::address)
                .map(a -> a + "/32")
                .toList();
    }
}
