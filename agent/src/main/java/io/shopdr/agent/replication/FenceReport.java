package io.shopdr.agent.replication;

/**
 * Whether the SQL fence (read_only, plus super_read_only on MySQL) took effect on a server; when it did not
 * (unreachable, refused), the caller must fence another way (e.g. the cloud firewall).
 */
public record FenceReport(Endpoint node, boolean fenced, String detail) {
}
