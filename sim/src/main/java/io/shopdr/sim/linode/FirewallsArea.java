package io.shopdr.sim.linode;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.shopdr.linode.firewall.FirewallRule;
import io.shopdr.linode.firewall.FirewallRules;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * {@code /networking/firewalls}, {@code /networking/firewalls/{id}} and {@code …/{id}/rules}: Cloud Firewalls and
 * their rule sets, validated as Linode validates them (labels, policies, protocols, ports, address literals, at
 * most 25 rules); every rules update bumps the version.
 */
final class FirewallsArea implements ApiArea {
    private static final Pattern LABEL = Pattern.compile("^[a-zA-Z]((?!--|__|\\.\\.)[a-zA-Z0-9-_.])+$");

    private final SimulatedAccount account;
    private final FirewallDevicesArea devices;

    FirewallsArea(SimulatedAccount account, FirewallDevicesArea devices) {
        this.account = account;
        this.devices = devices;
    }

    @Override
    public boolean serves(String[] path) {
        return FirewallDevicesArea.isFirewallPath(path)
                && (path.length <= 3 || (path.length == 4 && path[3].equals("rules")));
    }

    @Override
    public Answer handle(ApiRequest request) {
        String[] seg = request.path();
        if (seg.length == 2) {
            return switch (request.method()) {
                case "GET" -> Paging.page(account.json, account.firewalls.values(), request, Set.of("label", "id", "tags"));
                case "POST" -> new Answer(200, create(request.body()));
                default -> throw ApiError.methodNotAllowed();
            };
        }
        long firewallId = request.id(2);
        ObjectNode firewall = account.firewalls.get(firewallId);
        if (firewall == null) {
            throw ApiError.notFound();
        }
        if (seg.length == 3) {
            return switch (request.method()) {
                case "GET" -> new Answer(200, firewall);
                case "DELETE" -> {
                    account.firewalls.remove(firewallId);
                    account.devices.remove(firewallId);
                    yield new Answer(200, account.json.createObjectNode());
                }
                default -> throw ApiError.methodNotAllowed();
            };
        }
        return switch (request.method()) {
            case "GET" -> new Answer(200, firewall.path("rules"));
            case "PUT" -> {
                ObjectNode rules = validateRules(request.body(), "");
                int version = firewall.path("rules").path("version").asInt() + 1;
                rules.put("version", version);
                rules.put("fingerprint", String.format("%08x", rules.toString().hashCode()));
                firewall.set("rules", rules);
                firewall.put("updated", SimulatedAccount.now());
                yield new Answer(200, rules);
            }
            default -> throw ApiError.methodNotAllowed();
        };
    }

    private ObjectNode create(JsonNode in) {
        String label = in.path("label").asText("");
        if (label.length() < 3 || label.length() > 32 || !LABEL.matcher(label).matches()) {
            throw new ApiError(400, "label", "Label must be 3-32 characters, start with a letter and contain only"
                    + " letters, digits, '-', '_' and '.'");
        }
        for (ObjectNode f : account.firewalls.values()) {
            if (f.path("label").asText().equals(label)) {
                throw new ApiError(400, "label", "Label must be unique among your Cloud Firewalls");
            }
        }
        if (!in.has("rules")) {
            throw new ApiError(400, "rules", "rules is required");
        }
        ObjectNode rules = validateRules(in.path("rules"), "rules.");
        rules.put("version", 1);
        rules.put("fingerprint", String.format("%08x", rules.toString().hashCode()));
        List<Long> linodeIds = new ArrayList<>();
        in.path("devices").path("linodes").forEach(n -> linodeIds.add(n.asLong()));
        for (long linodeId : linodeIds) {
            devices.checkAttachable(linodeId);
        }
        long id = account.nextId();
        ObjectNode f = account.json.createObjectNode();
        f.put("id", id).put("label", label).put("status", "enabled");
        f.set("rules", rules);
        f.putArray("tags");
        f.put("created", SimulatedAccount.now()).put("updated", SimulatedAccount.now());
        account.firewalls.put(id, f);
        account.devices.put(id, new java.util.LinkedHashMap<>());
        for (long linodeId : linodeIds) {
            long deviceId = account.nextId();
            account.devices.get(id).put(deviceId, devices.device(deviceId, linodeId));
        }
        return f;
    }

    private ObjectNode validateRules(JsonNode in, String prefix) {
        ObjectNode out = account.json.createObjectNode();
        for (String policy : List.of("inbound_policy", "outbound_policy")) {
            String v = in.path(policy).asText("");
            if (!v.equals("ACCEPT") && !v.equals("DROP")) {
                throw new ApiError(400, prefix + policy, policy + " must be ACCEPT or DROP");
            }
            out.put(policy, v);
        }
        int total = 0;
        for (String direction : List.of("inbound", "outbound")) {
            ArrayNode rules = out.putArray(direction);
            JsonNode list = in.path(direction);
            if (!list.isMissingNode() && !list.isArray()) {
                throw new ApiError(400, prefix + direction, direction + " must be a list of rules");
            }
            int i = 0;
            for (JsonNode r : list) {
                rules.add(validateRule(r, prefix + direction + "[" + i++ + "]."));
                total++;
            }
        }
        if (total > 25) {
            throw new ApiError(400, prefix + "inbound", "A firewall may have at most 25 rules");
        }
        return out;
    }

    private ObjectNode validateRule(JsonNode r, String field) {
        String action = r.path("action").asText("");
        if (!action.equals("ACCEPT") && !action.equals("DROP")) {
            throw new ApiError(400, field + "action", "action must be ACCEPT or DROP");
        }
        String protocol = r.path("protocol").asText("");
        if (!List.of("TCP", "UDP", "ICMP", "IPENCAP").contains(protocol)) {
            throw new ApiError(400, field + "protocol", "protocol must be TCP, UDP, ICMP or IPENCAP");
        }
        ObjectNode out = account.json.createObjectNode();
        out.put("action", action).put("protocol", protocol);
        if (r.hasNonNull("ports")) {
            if (protocol.equals("ICMP") || protocol.equals("IPENCAP")) {
                throw new ApiError(400, field + "ports", "Ports are not allowed for the ICMP and IPENCAP protocols");
            }
            String ports = r.path("ports").asText();
            if (!ports.matches("^[1-9][0-9]{0,4}(-[1-9][0-9]{0,4})?(, ?[1-9][0-9]{0,4}(-[1-9][0-9]{0,4})?)*$")) {
                throw new ApiError(400, field + "ports", "Invalid ports: " + ports);
            }
            out.put("ports", ports);
        }
        if (r.has("label")) {
            String label = r.path("label").asText("");
            if (label.length() < 3 || label.length() > 32) {
                throw new ApiError(400, field + "label", "Label must be 3-32 characters");
            }
            out.put("label", label);
        }
        if (r.has("description")) {
            out.put("description", r.path("description").asText());
        }
        JsonNode addresses = r.path("addresses");
        boolean hasV4 = addresses.path("ipv4").isArray() && !addresses.path("ipv4").isEmpty();
        boolean hasV6 = addresses.path("ipv6").isArray() && !addresses.path("ipv6").isEmpty();
        if (!hasV4 && !hasV6) {
            throw new ApiError(400, field + "addresses", "Must contain ipv4, ipv6, or both");
        }
        // Linode refuses anything but IP literals with an optional /mask; accepting host names here would make
        // InboundRules resolve them through DNS on every probe
        for (String family : List.of("ipv4", "ipv6")) {
            for (JsonNode n : addresses.path(family)) {
                if (!AddressSyntax.isCidr(n.asText(), family.equals("ipv4"))) {
                    throw new ApiError(400, field + "addresses." + family, "Invalid " + (family.equals("ipv4")
                            ? "IPv4" : "IPv6") + " address or network: " + n.asText());
                }
            }
        }
        ObjectNode a = out.putObject("addresses");
        if (hasV4) {
            a.set("ipv4", addresses.path("ipv4").deepCopy());
        }
        if (hasV6) {
            a.set("ipv6", addresses.path("ipv6").deepCopy());
        }
        return out;
    }

    /** A stored rule set as the agent's value. */
    static FirewallRules toRules(JsonNode r) {
        return new FirewallRules(r.path("inbound_policy").asText(), toRuleList(r.path("inbound")),
                r.path("outbound_policy").asText(), toRuleList(r.path("outbound")));
    }

    private static List<FirewallRule> toRuleList(JsonNode list) {
        List<FirewallRule> out = new ArrayList<>();
        for (JsonNode r : list) {
            List<String> v4 = new ArrayList<>();
            List<String> v6 = new ArrayList<>();
            r.path("addresses").path("ipv4").forEach(n -> v4.add(n.asText()));
            r.path("addresses").path("ipv6").forEach(n -> v6.add(n.asText()));
            String ports = r.path("ports").asText("");
            out.add(new FirewallRule(r.hasNonNull("label") ? r.path("label").asText() : null, r.path("action").asText(),
                    r.path("protocol").asText(), ports.isEmpty() ? null : ports, v4, v6));
        }
        return out;
    }
}
