package io.shopdr.agent.failover;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.shopdr.linode.dns.DnsRecord;
import java.time.Instant;
import java.util.List;

/**
 * The last failover or failback, shared between all controllers as the TXT record {@code _shopdr-event}: the
 * hold-down after a failover applies to every controller (not only the one that acted) and a running operator
 * failback keeps every controller from acting.
 *
 * <p>A completed failover also carries its outcome for anyone outside the regions (the cloud drill reads it):
 * {@code rpo} = estimated transactions lost (absent = unknown), and the acting controller's timestamps of the
 * quorum's verdict ({@code detected}), the promotion ({@code promoted}) and the DNS switch ({@code switched}).
 * Absent fields are left out, so other events stay as small as before. A completed failover's promotion time is its
 * {@code at} and is not written twice (older records that carry {@code promoted} still read).
 *
 * <p>A failover past its promotion and before its DNS switch is still {@code started} and names its promoted region
 * ({@code to}) and RPO, with the promotion time as {@code at} ({@link #promoted}): a controller that dies between the
 * two steps leaves what it did in the zone, and whoever acts next finishes the DNS switch instead of promoting again.
 *
 * <p>{@code epoch} is the fencing token of failovers and failbacks: every claim writes the epoch it read plus one,
 * and every later step of that failover (fences, promotion, each DNS write) first checks that the record still
 * carries its epoch and its name. A later claimant or an operator's failback raises the epoch, so a controller that
 * was overtaken (paused, partitioned, slow) stops at its next step instead of acting on stale authority.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record FailoverEvent(@JsonProperty("kind") String kind, @JsonProperty("phase") String phase,
                            @JsonProperty("from") String from, @JsonProperty("to") String to,
                            @JsonProperty("at") String at, @JsonProperty("by") String by,
                            @JsonProperty("rpo") Long rpoTransactions,
                            @JsonProperty("detected") String detectedAt,
                            @JsonProperty(value = "promoted", access = JsonProperty.Access.WRITE_ONLY) String promotedAt,
                            @JsonProperty("switched") String dnsSwitchedAt,
                            @JsonProperty("epoch") Long epoch) {
    public static final String RECORD_NAME = "_shopdr-event";
    public static final String FAILOVER = "failover";
    public static final String FAILBACK = "failback";
    public static final String STARTED = "started";
    public static final String DONE = "done";
    /** A failover or failback that stopped; what it left is in its incident's timeline. */
    public static final String FAILED = "failed";
    /** A failover the acting controller holds (loss budget exceeded): the operator may accept the loss. */
    public static final String HELD = "held";
    private static final ObjectMapper JSON = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    public FailoverEvent {
        if (promotedAt == null && FAILOVER.equals(kind) && (DONE.equals(phase) || STARTED.equals(phase) && to != null)) {
            promotedAt = at;
        }
    }

    /** An event without an outcome (claims, failbacks, released claims). */
    public FailoverEvent(String kind, String phase, String from, String to, String at, String by) {
        this(kind, phase, from, to, at, by, null, null, null, null, null);
    }

    public static FailoverEvent of(String kind, String phase, String from, String to, Instant at, String by) {
        return new FailoverEvent(kind, phase, from, to, at.toString(), by);
    }

    /** The same event carrying fencing epoch {@code n}. */
    public FailoverEvent withEpoch(long n) {
        return new FailoverEvent(kind, phase, from, to, at, by, rpoTransactions, detectedAt, promotedAt, dnsSwitchedAt, n);
    }

    /** The fencing epoch (0 for records written before epochs existed). */
    public long epochNumber() {
        return epoch == null ? 0 : epoch;
    }

    /**
     * A completed failover with its outcome: {@code rpo} empty = unknown (the old primary's position was never
     * seen); {@code at} is the promotion time (the hold-down counts from it).
     */
    public static FailoverEvent failoverDone(String from, String to, String by, java.util.OptionalLong rpo,
                                             Instant detected, Instant promoted, Instant switched) {
        // milliseconds are plenty for a report and keep the record within one 255-character TXT string
        String p = millis(promoted);
        return new FailoverEvent(FAILOVER, DONE, from, to, p, by,
                rpo.isPresent() ? rpo.getAsLong() : null, millis(detected), p, millis(switched), null);
    }

    /**
     * A failover whose standby {@code to} was promoted at {@code promoted} and whose DNS switch is still to come: phase
     * {@code started} (every later step's epoch check still reads it as its claim), {@code at} = the promotion time.
     */
    public static FailoverEvent promoted(String from, String to, String by, java.util.OptionalLong rpo, Instant detected,
                                         Instant promoted) {
        String p = millis(promoted);
        return new FailoverEvent(FAILOVER, STARTED, from, to, p, by, rpo.isPresent() ? rpo.getAsLong() : null,
                millis(detected), p, null, null);
    }

    /** Whether this is a failover its acting controller holds for the loss budget: what the operator may accept. */
    public boolean heldFailover() {
        return FAILOVER.equals(kind) && HELD.equals(phase);
    }

    /** Whether this is a started failover that already promoted {@link #to()} and has not switched DNS yet. */
    public boolean promotedAwaitingDns() {
        return FAILOVER.equals(kind) && STARTED.equals(phase) && to != null;
    }

    private static String millis(Instant t) {
        return t.truncatedTo(java.time.temporal.ChronoUnit.MILLIS).toString();
    }

    public Instant atInstant() {
        return Instant.parse(at);
    }

    /** The estimated transactions lost; empty when unknown or not a completed failover. */
    public java.util.OptionalLong rpo() {
        return rpoTransactions == null ? java.util.OptionalLong.empty() : java.util.OptionalLong.of(rpoTransactions);
    }

    /** When the quorum declared the old primary down (as the acting controller saw it), or null. */
    public Instant detectedInstant() {
        return detectedAt == null ? null : Instant.parse(detectedAt);
    }

    /** When the standby was promoted, or null. */
    public Instant promotedInstant() {
        return promotedAt == null ? null : Instant.parse(promotedAt);
    }

    /** When the shop's records pointed at the new primary, or null. */
    public Instant dnsSwitchedInstant() {
        return dnsSwitchedAt == null ? null : Instant.parse(dnsSwitchedAt);
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
        return ControlRecord.in(records, RECORD_NAME);
    }

    public static FailoverEvent in(List<DnsRecord> records) {
        String text = ControlRecord.text(records, RECORD_NAME);
        if (text == null) return null;
        try {
            FailoverEvent e = JSON.readValue(text, FailoverEvent.class);
            e.atInstant();
            e.detectedInstant();
            e.promotedInstant();
            e.dnsSwitchedInstant();
            return e;
        } catch (JsonProcessingException | RuntimeException e) {
            return null;
        }
    }
}
