package io.shopdr.sim.linode;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;
import java.util.Set;

/**
 * {@code /networking/firewalls/{id}/devices} and {@code …/devices/{deviceId}}: which Linode instances a firewall
 * protects. As on Linode, an instance can have one enabled firewall; NodeBalancers are not simulated.
 */
final class FirewallDevicesArea implements ApiArea {
    private final SimulatedAccount account;

    FirewallDevicesArea(SimulatedAccount account) {
        this.account = account;
    }

    /** Whether the path is under {@code /networking/firewalls}. */
    static boolean isFirewallPath(String[] path) {
        return path.length >= 2 && path[0].equals("networking") && path[1].equals("firewalls");
    }

    @Override
    public boolean serves(String[] path) {
        return isFirewallPath(path) && path.length >= 4 && path.length <= 5 && path[3].equals("devices");
    }

    @Override
    public Answer handle(ApiRequest request) {
        long firewallId = request.id(2);
        if (!account.firewalls.containsKey(firewallId)) {
            throw ApiError.notFound();
        }
        Map<Long, ObjectNode> fwDevices = account.devices.get(firewallId);
        if (request.path().length == 4) {
            return switch (request.method()) {
                case "GET" -> Paging.page(account.json, fwDevices.values(), request, Set.of("id"));
                case "POST" -> new Answer(200, attach(firewallId, request.body()));
                default -> throw ApiError.methodNotAllowed();
            };
        }
        long deviceId = request.id(4);
        ObjectNode device = fwDevices.get(deviceId);
        if (device == null) {
            throw ApiError.notFound();
        }
        return switch (request.method()) {
            case "GET" -> new Answer(200, device);
            case "DELETE" -> {
                fwDevices.remove(deviceId);
                yield new Answer(200, account.json.createObjectNode());
            }
            default -> throw ApiError.methodNotAllowed();
        };
    }

    private ObjectNode attach(long firewallId, JsonNode in) {
        String type = in.path("type").asText("");
        if (!type.equals("linode") && !type.equals("nodebalancer")) {
            throw new ApiError(400, "type", "type must be linode or nodebalancer");
        }
        if (!in.path("id").isIntegralNumber()) {
            throw new ApiError(400, "id", "id is required");
        }
        if (type.equals("nodebalancer")) {
            throw new ApiError(400, "type", "This simulator only attaches firewalls to Linode instances");
        }
        long linodeId = in.path("id").asLong();
        checkAttachable(linodeId);
        long deviceId = account.nextId();
        ObjectNode d = device(deviceId, linodeId);
        account.devices.get(firewallId).put(deviceId, d);
        return d;
    }

    /** Refuses an unknown Linode or one that already has a firewall. */
    void checkAttachable(long linodeId) {
        if (!account.linodes.containsKey(linodeId)) {
            throw new ApiError(404, "id", "Linode " + linodeId + " not found");
        }
        for (var entry : account.devices.entrySet()) {
            for (ObjectNode d : entry.getValue().values()) {
                if (d.path("entity").path("id").asLong() == linodeId) {
                    throw new ApiError(400, "id", "Linode " + linodeId + " already has an enabled firewall ("
                            + entry.getKey() + "); only one can be attached at a time");
                }
            }
        }
    }

    /** A device entry for {@code linodeId} in Linode's shape. */
    ObjectNode device(long deviceId, long linodeId) {
        ObjectNode d = account.json.createObjectNode();
        d.put("id", deviceId);
        ObjectNode e = d.putObject("entity");
        e.put("id", linodeId).put("label", account.linodes.get(linodeId)).put("type", "linode")
                .put("url", "/v4/linode/instances/" + linodeId);
        d.put("created", SimulatedAccount.now()).put("updated", SimulatedAccount.now());
        return d;
    }
}
