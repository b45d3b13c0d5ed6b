package io.shopdr.agent.failover;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.shopdr.agent.dns.DnsProvider;
import io.shopdr.linode.dns.DnsRecord;
import io.shopdr.linode.dns.DnsZone;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * An operator's pause of automatic failover, stack-wide ({@code shopdr pause --reason … --until …}): the TXT record
 * {@code _shopdr-pause} next to the votes, read by every controller each cycle. It expires by itself at
 * {@code until}, so a forgotten pause cannot block a real failover forever; {@code shopdr resume} deletes it.
 */
public record FailoverPause(@JsonProperty("reason") String reason, @JsonProperty("until") String until,
                            @JsonProperty("by") String by, @JsonProperty("at") String at) {
    public static final String RECORD_NAME = "_shopdr-pause";

    public FailoverPause {
        Objects.requireNonNull(reason, "reason");
        Instant.parse(until);
        Instant.parse(at);
    }

    public static FailoverPause of(String reason, Instant until, String by, Instant at) {
        return new FailoverPause(reason, until.toString(), by, at.toString());
    }

    public Instant untilInstant() {
        return Instant.parse(until);
    }

    /** Whether the pause still holds at {@code now}. */
    public boolean activeAt(Instant now) {
        return now.isBefore(untilInstant());
    }

    /** One line for states, logs and {@code dns show}. */
    public String describe() {
        return "automatic failover paused by " + by + " until " + until + ": " + reason;
    }

    public String toJson() {
        return ControlRecord.json(this);
    }

    /** Writes this pause into the zone (replacing any earlier one). */
    public void publish(DnsProvider dns, DnsZone zone) {
        ControlRecord.put(dns, zone, RECORD_NAME, toJson());
    }

    /** Deletes the zone's pause ({@code shopdr resume}); false when there was none. */
    public static boolean lift(DnsProvider dns, DnsZone zone) {
        return ControlRecord.delete(dns, zone, RECORD_NAME);
    }

    /** The pause among {@code records}, or null when there is none or it is unreadable (then nothing is paused). */
    public static FailoverPause in(List<DnsRecord> records) {
        return ControlRecord.read(records, RECORD_NAME, FailoverPause.class);
    }
}
