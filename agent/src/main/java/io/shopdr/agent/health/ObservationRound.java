package io.shopdr.agent.health;

import io.shopdr.linode.dns.DnsRecord;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * What one observer learned in one probe cycle: its probe results, its hysteresis states per region, the zone's
 * records as read in this cycle (null when the DNS read failed), every observer's votes (its own freshly
 * written ones included) and the DNS error of the cycle, if any. {@code at} is when its view of the votes was complete:
 * right after the zone read when there was one, else when the probes ended.
 */
public record ObservationRound(Instant at, List<ProbeResult> results, Map<String, TargetState> localStates,
                               List<DnsRecord> records, List<Vote> votes, String dnsError) {

    public ObservationRound {
        results = List.copyOf(results);
        localStates = Map.copyOf(localStates);
        records = records == null ? null : List.copyOf(records);
        votes = List.copyOf(votes);
    }
}
