package io.shopdr.drill.twin;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The production shape of a stack, as the real program declares it under the mock engine ({@link ProgramTwinSpec}):
 * what the twin builds its world from. Production settings, never drill settings.
 *
 * @param stackName         the stack ({@code prod})
 * @param domain            the shop's domain
 * @param engine            the database engine id ({@code mariadb-10.11})
 * @param regions           every region, primary first
 * @param primaryRegion     the primary at deploy time
 * @param region            region → what was declared for it
 * @param records           the shop's DNS records and their TTLs
 * @param probeInterval     how often each controller probes every region
 * @param failureThreshold  failed probes in a row before an observer votes a region down
 * @param witnesses         witness observers the stack declares (none in today's prod stack)
 * @param databaseDocument  the {@code database} stack output document the post-deploy hook reads (holds passwords)
 * @param app               the store's database account (from the region's {@code db-credentials} Secret)
 * @param nodeAddresses     region → its cluster nodes' addresses (/32), as the program admits them to the databases
 */
public record TwinSpec(String stackName, String domain, String engine, List<String> regions, String primaryRegion,
                       Map<String, RegionSpec> region, List<DeclaredRecord> records, Duration probeInterval,
                       int failureThreshold, List<String> witnesses, Map<String, Object> databaseDocument,
                       AppAccount app, Map<String, List<String>> nodeAddresses) {
    public TwinSpec {
        regions = List.copyOf(regions);
        region = Map.copyOf(region);
        records = List.copyOf(records);
        witnesses = List.copyOf(witnesses);
        databaseDocument = Map.copyOf(databaseDocument);
        nodeAddresses = Map.copyOf(nodeAddresses);
    }

    /** One region as declared: its database server, firewall, endpoint and controller config document. */
    public record RegionSpec(String name, DatabaseServerFiles server, DeclaredFirewall databaseFirewall,
                             String publicIp, String privateIp, int databasePort, long firewallId, String ingressIp,
                             String controllerConfigJson) {}

    /** One DNS record of the shop's zone: name ("" = apex), type, target, TTL in seconds. */
    public record DeclaredRecord(String name, String type, String target, int ttlSeconds) {}

    /** The application's database account and schema name. */
    public record AppAccount(String user, String password, String databaseName) {
        @Override
        public String toString() {
            return "AppAccount[" + user + " on " + databaseName + ", password hidden]";
        }
    }

    /** The TTL of the apex A record, the one clients resolve. */
    public int shopTtlSeconds() {
        return records.stream().filter(r -> r.name().isEmpty() && "A".equals(r.type())).mapToInt(DeclaredRecord::ttlSeconds)
                .findFirst().orElseThrow(() -> new IllegalStateException("the program declares no apex A record for " + domain));
    }

    /** This spec with every record's TTL set to {@code ttlSeconds} (a test knob: production keeps the declared TTL). */
    public TwinSpec withRecordTtl(int ttlSeconds) {
        return new TwinSpec(stackName, domain, engine, regions, primaryRegion, region, records.stream()
                .map(r -> new DeclaredRecord(r.name(), r.type(), r.target(), ttlSeconds)).toList(), probeInterval,
                failureThreshold, witnesses, databaseDocument, app, nodeAddresses);
    }

    @Override
    public String toString() {
        return "TwinSpec[" + stackName + ", " + domain + ", " + engine + ", regions " + regions + ", records " + records
                + ", probe " + probeInterval + " x " + failureThreshold + ", witnesses " + witnesses + "]";
    }
}
