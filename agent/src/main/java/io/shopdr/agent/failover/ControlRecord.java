package io.shopdr.agent.failover;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.shopdr.agent.dns.DnsProvider;
import io.shopdr.linode.dns.DnsRecord;
import io.shopdr.linode.dns.DnsZone;
import io.shopdr.agent.health.VoteBoard;
import java.util.List;

/**
 * One of the shop zone's control TXT records that every controller reads each cycle beside the votes
 * ({@code _shopdr-event}, {@code _shopdr-pause}, {@code _shopdr-accept-loss}): Linode DNS is served from outside every
 * region, so the zone is the one store all controllers and the operator's CLI share. Written as JSON text.
 */
final class ControlRecord {
    private static final ObjectMapper JSON = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    private ControlRecord() {}

    /** The value as the record's JSON text. */
    static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * The record {@code name} among {@code records} read as {@code type}, or null when there is none or it is
     * unreadable (a damaged control record must not stop a controller).
     */
    static <T> T read(List<DnsRecord> records, String name, Class<T> type) {
        String text = records == null ? null : text(records, name);
        if (text == null) return null;
        try {
            return JSON.readValue(text, type);
        } catch (JsonProcessingException | RuntimeException e) {
            return null;
        }
    }

    /** The record named {@code name} among {@code records}, or null. */
    static DnsRecord in(List<DnsRecord> records, String name) {
        return records.stream().filter(r -> "TXT".equalsIgnoreCase(r.type()) && name.equals(r.name())).findFirst().orElse(null);
    }

    /** The record's JSON text with any quoting the DNS API added removed, or null when there is no such record. */
    static String text(List<DnsRecord> records, String name) {
        DnsRecord r = in(records, name);
        if (r == null) return null;
        String text = r.target().trim();
        if (text.length() >= 2 && text.startsWith("\"") && text.endsWith("\"")) {
            text = text.substring(1, text.length() - 1).replace("\\\"", "\"");
        }
        return text;
    }

    /** Creates or rewrites the record with {@code json}. */
    static void put(DnsProvider dns, DnsZone zone, String name, String json) {
        DnsRecord existing = in(dns.records(zone), name);
        if (existing == null) dns.create(zone, DnsRecord.of("TXT", name, json, VoteBoard.VOTE_TTL_SEC));
        else dns.update(zone, existing.withTarget(json));
    }

    /** Deletes the record; false when there was none. */
    static boolean delete(DnsProvider dns, DnsZone zone, String name) {
        DnsRecord existing = in(dns.records(zone), name);
        if (existing == null) return false;
        dns.delete(zone, existing.id());
        return true;
    }
}
