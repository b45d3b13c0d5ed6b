package io.shopdr.sim.linode;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Set;

/** {@code /domains} and {@code /domains/{id}}: list, create, read and delete DNS zones ("domains"). */
final class DomainsArea implements ApiArea {
    private final SimulatedAccount account;

    DomainsArea(SimulatedAccount account) {
        this.account = account;
    }

    @Override
    public boolean serves(String[] path) {
        return path[0].equals("domains") && path.length <= 2;
    }

    @Override
    public Answer handle(ApiRequest request) {
        if (request.path().length == 1) {
            return switch (request.method()) {
                case "GET" -> Paging.page(account.json, account.domains.values(), request, Set.of("domain", "group", "tags"));
                case "POST" -> new Answer(200, create(request.body()));
                default -> throw ApiError.methodNotAllowed();
            };
        }
        long domainId = request.id(1);
        ObjectNode domain = account.domains.get(domainId);
        if (domain == null) {
            throw ApiError.notFound();
        }
        return switch (request.method()) {
            case "GET" -> new Answer(200, domain);
            case "DELETE" -> {
                account.domains.remove(domainId);
                account.records.remove(domainId);
                yield new Answer(200, account.json.createObjectNode());
            }
            default -> throw ApiError.methodNotAllowed();
        };
    }

    private ObjectNode create(JsonNode in) {
        String domain = in.path("domain").asText("");
        if (domain.isEmpty()) {
            throw new ApiError(400, "domain", "domain is required");
        }
        if (!in.path("type").asText("").equals("master") && !in.path("type").asText("").equals("slave")) {
            throw new ApiError(400, "type", "type must be master or slave");
        }
        if (in.path("type").asText().equals("master") && in.path("soa_email").asText("").isEmpty()) {
            throw new ApiError(400, "soa_email", "soa_email is required for master domains");
        }
        for (ObjectNode d : account.domains.values()) {
            if (d.path("domain").asText().equalsIgnoreCase(domain)) {
                throw new ApiError(400, "domain", "Domain already exists.");
            }
        }
        return store(domain.toLowerCase(Locale.ROOT), in.path("soa_email").asText());
    }

    /** Stores a master zone with no records (also how the simulator's owner seeds one). */
    ObjectNode store(String domain, String soaEmail) {
        long id = account.nextId();
        ObjectNode d = account.json.createObjectNode();
        d.put("id", id).put("domain", domain).put("type", "master").put("status", "active")
                .put("soa_email", soaEmail).put("description", "").put("group", "")
                .put("ttl_sec", 0).put("refresh_sec", 0).put("retry_sec", 0).put("expire_sec", 0);
        d.putArray("master_ips");
        d.putArray("axfr_ips");
        d.putArray("tags");
        account.domains.put(id, d);
        account.records.put(id, new LinkedHashMap<>());
        return d;
    }
}
