package io.shopdr.agent.failover;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.shopdr.agent.dns.DnsRecord;
import java.time.Instant;
import java.util.List;

/**
 * The last failover or failback, shared between all controllers as the TXT record {@code _shopdr-event}: the
 * hold-down after a failover applies to every controller (not only the one that acted) and a running operator
 * failback keeps every controller from acting.
 */
public record FailoverEvent(@JsonProperty("kind") String kind, @JsonProperty("phase") String phase,
                            @JsonProperty("from") String from, @JsonProperty("to") String to,
                            @JsonProperty("at") String at, @JsonProperty("by") String by) {
    public static final String RECORD_NAME = "_shopdr-event";
    public static final String FAILOVER = "failover";
    public static final String FAILBACK = "failback";
    public static final String STARTED = "started";
    public static final String DONE = "done";
    private static final ObjectMapper JSON = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    public static FailoverEvent of(String kind, String phase, String from, String to, Instant at, String by) {
        return new FailoverEvent(kind, phase, from, to, at.toString(), by);
    }

    public Instant atInstant() {
        return Instant.parse(at);
    }

    public String toJson() {
        try {
            return JSON.writeValueAsString(this);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The event among {@code records}, or null when there is none (or it is unreadable). */
    public static DnsRecord recordIn(List<DnsRecord> records) {
        return records.stream().filter(r -> "TXT".equalsIgnoreCase(r.type()) && RECORD_NAME.equals(r.name()))
                .findFirst().orElse(null);
    }

    public static FailoverEvent in(List<DnsRecord> records) {
        DnsRecord r = recordIn(records);
        if (r == null) return null;
        String text = r.target().trim();
        if (text.length() >= 2 && text.startsWith("\"") && text.endsWith("\"")) {
            text = text.substring(1, text.length() - 1).replace("\\\"", "\"");
        }
        try {
            FailoverEvent e = JSON.readValue(text, FailoverEvent.class);
            e.atInstant();
            return e;
        } catch (JsonProcessingException | RuntimeException e) {
            return null;
        }
    }
}
