package io.shopdr.agent.linode;

import io.prometheus.metrics.core.metrics.Counter;

/**
 * What the Linode client counts for {@code /metrics}: process-wide, like the client's retry budget, so every
 * controller's metrics registry registers the same counter.
 */
public final class LinodeApiMetrics {
    /** 429 and 5xx answers, counted where {@link LinodeClient} decides to retry, by HTTP status code. */
    public static final Counter ERROR_RESPONSES = Counter.builder()
            .name("shopdr_linode_api_error_responses_total")
            .help("Linode API answers with status 429 (rate limited) or 5xx, each of which the client retried or gave up on.")
            .labelNames("code")
            .build();

    private LinodeApiMetrics() {}
}
