package io.shopdr.sim.linode;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.shopdr.linode.dns.DnsRecord;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code /domains/{id}/records} and {@code /domains/{id}/records/{recordId}}: a zone's records, validated as Linode
 * validates them (types, IPv4/IPv6 targets, name length) and with TTLs stored the way Linode stores them.
 */
final class RecordsArea implements ApiArea {
    private static final List<String> RECORD_TYPES = List.of("A", "AAAA", "NS", "MX", "CNAME", "TXT", "SRV", "PTR", "CAA");

    private final SimulatedAccount account;

    RecordsArea(SimulatedAccount account) {
        this.account = account;
    }

    @Override
    public boolean serves(String[] path) {
        return path[0].equals("domains") && path.length >= 3 && path.length <= 4 && path[2].equals("records");
    }

    @Override
    public Answer handle(ApiRequest request) {
        long domainId = request.id(1);
        if (!account.domains.containsKey(domainId)) {
            throw ApiError.notFound();
        }
        Map<Long, ObjectNode> zoneRecords = account.records.get(domainId);
        if (request.path().length == 3) {
            return switch (request.method()) {
                case "GET" -> Paging.page(account.json, zoneRecords.values(), request,
                        Set.of("name", "type", "target", "tag"));
                case "POST" -> new Answer(200, store(domainId, validateNew(request.body())));
                default -> throw ApiError.methodNotAllowed();
            };
        }
        long recordId = request.id(3);
        ObjectNode record = zoneRecords.get(recordId);
        if (record == null) {
            throw ApiError.notFound();
        }
        return switch (request.method()) {
            case "GET" -> new Answer(200, record);
            case "PUT" -> new Answer(200, update(record, request.body()));
            case "DELETE" -> {
                zoneRecords.remove(recordId);
                yield new Answer(200, account.json.createObjectNode());
            }
            default -> throw ApiError.methodNotAllowed();
        };
    }

    private ObjectNode validateNew(JsonNode in) {
        String type = in.path("type").asText("");
        if (!RECORD_TYPES.contains(type)) {
            throw new ApiError(400, "type", "type must be one of " + String.join(", ", RECORD_TYPES));
        }
        ObjectNode r = account.json.createObjectNode();
        r.put("type", type);
        r.put("name", in.path("name").asText(""));
        r.put("target", in.path("target").asText(""));
        r.put("ttl_sec", in.path("ttl_sec").asInt(0));
        check(r, in);
        return r;
    }

    private ObjectNode update(ObjectNode record, JsonNode in) {
        if (in.has("type")) {
            throw new ApiError(400, "type", "A record's type cannot be changed; delete it and create a new one");
        }
        ObjectNode next = record.deepCopy();
        if (in.has("name")) {
            next.put("name", in.path("name").asText(""));
        }
        if (in.has("target")) {
            next.put("target", in.path("target").asText(""));
        }
        if (in.has("ttl_sec")) {
            next.put("ttl_sec", in.path("ttl_sec").asInt(0));
        }
        check(next, in);
        next.put("ttl_sec", storedTtl(next.path("ttl_sec").asInt()));
        next.put("updated", SimulatedAccount.now());
        record.setAll(next);
        return record;
    }

    private static void check(ObjectNode r, JsonNode in) {
        if (in.has("ttl_sec") && !in.path("ttl_sec").isIntegralNumber()) {
            throw new ApiError(400, "ttl_sec", "ttl_sec must be an integer");
        }
        String type = r.path("type").asText();
        String name = r.path("name").asText();
        String target = r.path("target").asText();
        if (name.length() > 100) {
            throw new ApiError(400, "name", "Length must be 100 characters or less.");
        }
        if (target.isEmpty()) {
            throw new ApiError(400, "target", "target is required");
        }
        if (type.equals("A") && !AddressSyntax.isIpv4(target)) {
            throw new ApiError(400, "target", "Invalid IPv4 address: " + target);
        }
        if (type.equals("AAAA") && (!target.contains(":") || !AddressSyntax.isIp(target))) {
            throw new ApiError(400, "target", "Invalid IPv6 address: " + target);
        }
        if (r.path("ttl_sec").asInt() < 0) {
            throw new ApiError(400, "ttl_sec", "ttl_sec must be a positive integer");
        }
    }

    /** Stores a record in a zone with Linode's defaults and stored TTL (also how the simulator's owner seeds one). */
    ObjectNode store(long domainId, ObjectNode r) {
        long id = account.nextId();
        ObjectNode stored = account.json.createObjectNode();
        stored.put("id", id);
        stored.put("type", r.path("type").asText());
        stored.put("name", r.path("name").asText(""));
        stored.put("target", r.path("target").asText());
        stored.put("priority", 0).put("weight", 0).put("port", 0);
        stored.putNull("service").putNull("protocol").putNull("tag");
        stored.put("ttl_sec", storedTtl(r.path("ttl_sec").asInt()));
        stored.put("created", SimulatedAccount.now()).put("updated", SimulatedAccount.now());
        Map<Long, ObjectNode> zone = account.records.get(domainId);
        if (zone == null) {
            throw ApiError.notFound();
        }
        zone.put(id, stored);
        return stored;
    }

    /** Linode stores the next valid TTL at or above the requested one (30 and 120 included). */
    static int storedTtl(int requested) {
        for (int valid : LinodeApiSimulator.STORED_TTLS) {
            if (valid >= requested) {
                return valid;
            }
        }
        return LinodeApiSimulator.STORED_TTLS.get(LinodeApiSimulator.STORED_TTLS.size() - 1);
    }

    /** A stored record as the agent's value. */
    static DnsRecord toRecord(JsonNode r) {
        return new DnsRecord(r.path("id").asLong(), r.path("type").asText(), r.path("name").asText(),
                r.path("target").asText(), r.path("ttl_sec").asInt());
    }
}
