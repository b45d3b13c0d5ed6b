package io.shopdr.components.database;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Where one region's database server answers, and the id of the Cloud Firewall guarding it (the failover
 * controller's network fence edits that firewall).
 *
 * @param publicIp   public IPv4 (replication between regions, post-deploy hook)
 * @param privateIp  private IPv4 in the region's private network (the application)
 * @param port       database TCP port
 * @param firewallId Linode Cloud Firewall id
 */
public record DatabaseEndpoint(String publicIp, String privateIp, int port, int firewallId) {
    /** The shape of one entry of the stack output's {@code database.endpoints}. */
    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("publicIp", publicIp);
        m.put("privateIp", privateIp);
        m.put("port", port);
        m.put("firewallId", firewallId);
        return m;
    }
}
