package io.shopdr.agent.drill;

import io.shopdr.agent.replication.Credentials;
import io.shopdr.agent.replication.Endpoint;
import java.util.List;

/**
 * Interim: the local drill's failover controllers come from io.shopdr.agent.failover, which has not landed on this
 * branch yet; until it does, the drill stops at "start failover controllers" and says so.
 */
public final class ControllerFleet implements AutoCloseable {
    public ControllerFleet(LocalDrillOptions options, SimulatedZone zone, List<String> regions, List<Endpoint> databases,
                           Credentials admin, Credentials replication, DrillClock clock) {}
    public List<String> observers() { return List.of(); }
    public void startAll() {
        throw new DrillException("the failover controller (io.shopdr.agent.failover) is not integrated in this build yet");
    }
    public void start(String o) { startAll(); }
    public void stop(String o) {}
    public String state() { return null; }
    public boolean failedOver() { return false; }
    public Long detectedAtMs() { return null; }
    public Long promotedAtMs() { return null; }
    public Long dnsSwitchedAtMs() { return null; }
    public Long reportedRpo() { return null; }
    public String failback(String r) { startAll(); return ""; }
    @Override public void close() {}
}
