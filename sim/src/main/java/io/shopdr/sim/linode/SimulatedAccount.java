package io.shopdr.sim.linode;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The state of the simulated Linode account, held as Linode's JSON shapes: domains and their records, Cloud
 * Firewalls and their devices, and the Linode instances firewalls can attach to. One object shared by every
 * {@link ApiArea}; everything here is guarded by {@link #lock}.
 */
final class SimulatedAccount {
    private static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss");

    final ObjectMapper json = new ObjectMapper();
    final Object lock = new Object();
    private final AtomicLong ids = new AtomicLong(1000);

    final Map<Long, ObjectNode> domains = new LinkedHashMap<>();
    /** Records by domain id, then record id. */
    final Map<Long, Map<Long, ObjectNode>> records = new HashMap<>();
    final Map<Long, ObjectNode> firewalls = new LinkedHashMap<>();
    /** Devices by firewall id, then device id. */
    final Map<Long, Map<Long, ObjectNode>> devices = new HashMap<>();
    /** Linode instance labels by id. */
    final Map<Long, String> linodes = new LinkedHashMap<>();

    /** A fresh id for any resource (ids are unique across kinds, as Linode's happen to be in practice). */
    long nextId() {
        return ids.incrementAndGet();
    }

    /** Linode's error body: {@code {"errors":[{"field":…,"reason":…}]}} ({@code field} omitted when null). */
    ObjectNode errors(String field, String reason) {
        ObjectNode root = json.createObjectNode();
        ObjectNode e = root.putArray("errors").addObject();
        if (field != null) {
            e.put("field", field);
        }
        e.put("reason", reason);
        return root;
    }

    /** Now, as Linode writes {@code created}/{@code updated}. */
    static String now() {
        return LocalDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.SECONDS).format(TIMESTAMP);
    }
}
