package io.shopdr.agent.health;

import java.time.Duration;

/**
 * The outcome of one probe: healthy only on a 2xx answer within the timeouts; {@code status} is 0 when no answer
 * arrived, and {@code error} says why in words an operator can act on.
 */
public record ProbeResult(String region, boolean healthy, int status, Duration latency, String error) {

    static ProbeResult answered(String region, int status, Duration latency) {
        boolean ok = status >= 200 && status < 300;
        return new ProbeResult(region, ok, status, latency, ok ? "" : "HTTP " + status);
    }

    static ProbeResult failed(String region, Duration latency, String error) {
        return new ProbeResult(region, false, 0, latency, error);
    }
}
