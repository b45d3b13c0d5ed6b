package io.shopdr.agent.failover;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.shopdr.agent.dns.DnsProvider;
import io.shopdr.linode.dns.DnsRecord;
import io.shopdr.linode.dns.DnsZone;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * The operator's consent ({@code shopdr failover --accept-loss}) that the failover of {@code from}, held because its
 * expected loss exceeds the loss budget, may go ahead: the TXT record {@code _shopdr-accept-loss}. It is valid for
 * {@link #VALIDITY} after it was written, so a consent given for one incident does not silently waive the budget of
 * a later one.
 */
public record LossAcceptance(@JsonProperty("from") String from, @JsonProperty("by") String by,
                             @JsonProperty("at") String at) {
    public static final String RECORD_NAME = "_shopdr-accept-loss";
    public static final Duration VALIDITY = Duration.ofMinutes(15);

    public LossAcceptance {
        Objects.requireNonNull(from, "from");
        Instant.parse(at);
    }

    public static LossAcceptance of(String from, String by, Instant at) {
        return new LossAcceptance(from, by, at.toString());
    }

    /** Whether this consent covers a failover of {@code primary} at {@code now}. */
    public boolean covers(String primary, Instant now) {
        Instant written = Instant.parse(at);
        return from.equals(primary) && !now.isBefore(written.minus(Duration.ofMinutes(1))) && now.isBefore(written.plus(VALIDITY));
    }

    public String toJson() {
        return ControlRecord.json(this);
    }

    /** Writes this consent into the zone, where the acting controller reads it at its next cycle. */
    public void publish(DnsProvider dns, DnsZone zone) {
        ControlRecord.put(dns, zone, RECORD_NAME, toJson());
    }

    public static LossAcceptance in(List<DnsRecord> records) {
        return ControlRecord.read(records, RECORD_NAME, LossAcceptance.class);
    }
}
