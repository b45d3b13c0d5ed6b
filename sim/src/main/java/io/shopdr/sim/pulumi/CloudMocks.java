package io.shopdr.sim.pulumi;

import com.pulumi.test.Mocks;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

/**
 * Mock engine for component and program tests: records every registered resource and answers with
 * realistic provider outputs per Linode / Kubernetes type (numeric ids, IPs, a base64 kubeconfig),
 * because the mock engine only returns what it is given.
 */
public final class CloudMocks implements Mocks {
    private final List<ResourceArgs> registered = new CopyOnWriteArrayList<>();
    private final AtomicInteger nextId = new AtomicInteger(1000);
    private final boolean deterministic;

    /** Mocks numbering resources in registration order. */
    public CloudMocks() {
        this(false);
    }

    private CloudMocks(boolean deterministic) {
        this.deterministic = deterministic;
    }

    /**
     * Mocks whose ids and IPs derive from each resource's type and name instead of registration order (which is
     * concurrent), so that snapshot tests see the same values on every run.
     */
    public static CloudMocks deterministic() {
        return new CloudMocks(true);
    }

    @Override
    public CompletableFuture<ResourceResult> newResourceAsync(ResourceArgs args) {
        registered.add(args);
        int n = deterministic ? 1000 + Math.floorMod((args.type + "::" + args.name).hashCode(), 9000)
                : nextId.incrementAndGet();
        Map<String, Object> state = new HashMap<>(args.inputs);
        state.putAll(outputsFor(args.type, args.name, n));
        if (args.type.equals("linode:index/objectStorageBucket:ObjectStorageBucket") && args.inputs.get("region") != null) {
            String region = String.valueOf(args.inputs.get("region"));
            state.put("s3Endpoint", region + "-1.linodeobjects.com");
            state.put("hostname", args.inputs.get("label") + "." + region + "-1.linodeobjects.com");
        }
        if (args.type.equals("linode:index/lkeCluster:LkeCluster")) state.put("pools", pools(args.inputs.get("pools"), n));
        String id = args.type.startsWith("kubernetes:") ? args.name : Integer.toString(n);
        return CompletableFuture.completedFuture(ResourceResult.of(Optional.of(id), state));
    }

    /**
     * Answers the data sources shopdr invokes: {@code getInstanceNetworking} gives a Linode one public and one private
     * IPv4 address derived from its id.
     */
    @Override
    public CompletableFuture<Map<String, Object>> callAsync(CallArgs args) {
        if (args.token.equals("linode:index/getInstanceNetworking:getInstanceNetworking")
                && args.args.get("linodeId") instanceof Number id) {
            int n = id.intValue();
            return CompletableFuture.completedFuture(Map.of("linodeId", n, "ipv4s", List.of(Map.of(
                    "publics", List.of(Map.of("address", "198.51.100." + (n % 250 + 1), "prefix", 24)),
                    "privates", List.of(Map.of("address", "192.168." + (128 + n % 100) + "." + (n % 250 + 1), "prefix", 17))))));
        }
        return Mocks.super.callAsync(args);
    }

    /** Fake provider-computed outputs for the types shopdr uses; inputs are echoed back as well. */
    static Map<String, Object> outputsFor(String type, String name, int n) {
        Map<String, Object> out = new HashMap<>();
        String ip = "203.0.113." + (n % 250 + 1);
        switch (type) {
            case "linode:index/lkeCluster:LkeCluster" -> {
                out.put("kubeconfig", Base64.getEncoder().encodeToString(kubeconfig(name).getBytes(StandardCharsets.UTF_8)));
                out.put("apiEndpoints", List.of("https://" + n + ".example-lke.linodelke.net:443"));
                out.put("status", "ready");
            }
            case "linode:index/instance:Instance" -> {
                out.put("ipAddress", ip);
                out.put("privateIpAddress", "192.168.128." + (n % 250 + 1));
                out.put("ipv4s", List.of(ip));
                out.put("status", "running");
            }
            case "linode:index/token:Token" -> out.put("token", "mock-token-" + n);
            case "linode:index/objectStorageBucket:ObjectStorageBucket" -> {
                out.put("hostname", name + ".us-east-1.linodeobjects.com");
                out.put("s3Endpoint", "us-east-1.linodeobjects.com");
            }
            case "linode:index/objectStorageKey:ObjectStorageKey" -> {
                out.put("accessKey", "MOCKACCESS" + n);
                out.put("secretKey", "mock-secret-key-" + n);
            }
            case "kubernetes:core/v1:Service" ->
                    out.put("status", Map.of("loadBalancer", Map.of("ingress", List.of(Map.of("ip", ip)))));
            default -> { }
        }
        return out;
    }

    /**
     * The provider's view of an LKE cluster's pools: each input pool with its id, the default firewall and
     * {@code count} nodes (autoscaled pools start at their minimum), whose Linode instance ids derive from the
     * cluster's number so snapshot runs see the same ids.
     */
    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> pools(Object inputPools, int n) {
        List<Map<String, Object>> out = new ArrayList<>();
        if (!(inputPools instanceof List<?> list)) return out;
        for (int i = 0; i < list.size(); i++) {
            Map<String, Object> pool = new HashMap<>(list.get(i) instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of());
            int count = 3;
            if (pool.get("count") instanceof Number c) count = c.intValue();
            else if (pool.get("autoscaler") instanceof Map<?, ?> a && a.get("min") instanceof Number min) count = min.intValue();
            List<Map<String, Object>> nodes = new ArrayList<>();
            for (int j = 0; j < count; j++) {
                int instanceId = n * 100 + i * 10 + j + 1;
                nodes.add(Map.of("id", n + "-" + i + "-" + j, "instanceId", instanceId, "status", "ready"));
            }
            pool.put("id", n * 10 + i);
            pool.put("count", count);
            pool.put("firewallId", 90000 + n);
            pool.put("nodes", nodes);
            out.add(pool);
        }
        return out;
    }

    private static String kubeconfig(String cluster) {
        return "apiVersion: v1\nkind: Config\nclusters:\n- name: " + cluster
                + "\n  cluster:\n    server: https://" + cluster + ".example-lke.linodelke.net:443\n"
                + "users:\n- name: " + cluster + "-admin\n  user:\n    token: mock\n";
    }

    /** Every resource registered so far, in registration order. */
    public List<ResourceArgs> resources() {
        return List.copyOf(registered);
    }

    /** Resources of one type token, e.g. {@code linode:index/instance:Instance}. */
    public List<ResourceArgs> ofType(String type) {
        return registered.stream().filter(r -> r.type.equals(type)).collect(Collectors.toList());
    }

    /** The one resource with this type and name; fails naming what was registered instead. */
    public ResourceArgs find(String type, String name) {
        return registered.stream().filter(r -> r.type.equals(type) && r.name.equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no " + type + " named " + name + "; registered: "
                        + names()));
    }

    /** An input of a registered resource, by (dotted) path, e.g. {@code pools.0.type}. */
    @SuppressWarnings("unchecked")
    public static Object input(ResourceArgs resource, String path) {
        Object cur = resource.inputs;
        for (String part : path.split("\\.")) {
            if (cur instanceof Map<?, ?> m) {
                cur = ((Map<String, Object>) m).get(part);
            } else if (cur instanceof List<?> l && part.chars().allMatch(Character::isDigit)) {
                int i = Integer.parseInt(part);
                cur = i < l.size() ? l.get(i) : null;
            } else {
                return null;
            }
        }
        return cur;
    }

    private List<String> names() {
        List<String> names = new ArrayList<>();
        registered.forEach(r -> names.add(r.type + "::" + r.name));
        return names;
    }
}
