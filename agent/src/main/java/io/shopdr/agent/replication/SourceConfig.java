package io.shopdr.agent.replication;

import java.util.Objects;

/**
 * Connection settings a replica uses to reach its source; {@code tlsCaPath == null} means plain TCP,
 * otherwise TLS whose certificate chain is verified against the given CA (the server-side path) and, if
 * {@code verifyServerCert}, whose certificate must also name the source host. {@link #toString()} never shows the
 * password, so a logged or reported config cannot leak it.
 */
public record SourceConfig(String host, int port, String user, String password,
                           int heartbeatSeconds, int connectRetrySeconds,
                           String tlsCaPath, boolean verifyServerCert) {
    public SourceConfig {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(password, "password");
        if (port <= 0 || port > 65535) throw new IllegalArgumentException("bad port " + port);
        if (heartbeatSeconds < 0 || connectRetrySeconds < 0) throw new IllegalArgumentException("negative interval");
    }

    /** Plain (non-TLS) source with 5 s heartbeat and 10 s connect retry. */
    public static SourceConfig plain(String host, int port, String user, String password) {
        return new SourceConfig(host, port, user, password, 5, 10, null, false);
    }

    public boolean tls() {
        return tlsCaPath != null;
    }

    @Override
    public String toString() {
        return "SourceConfig[" + user + "@" + host + ":" + port + ", password hidden, heartbeat " + heartbeatSeconds
                + " s, connect retry " + connectRetrySeconds + " s, " + (tls() ? "TLS CA " + tlsCaPath
                + (verifyServerCert ? ", server name verified" : "") : "plain TCP") + "]";
    }
}
