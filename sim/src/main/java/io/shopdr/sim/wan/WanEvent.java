package io.shopdr.sim.wan;

import java.time.Instant;

/**
 * Something the WAN did, for the twin's timeline and report.
 *
 * @param at      when
 * @param kind    what
 * @param from    source region
 * @param to      target region
 * @param host    the target host for connection events, empty for link events
 */
public record WanEvent(Instant at, Kind kind, String from, String to, String host) {
    /** The kinds of events. */
    public enum Kind {
        /** A connection was admitted and is being relayed. */
        CONNECTION_OPENED,
        /** The target's firewall dropped a new connection: no answer, reset after the SYN retry unless admitted by then. */
        FIREWALL_DROPPED,
        /** The relay could not reach the server behind it (nothing listens): the client's socket is closed. */
        SERVER_UNREACHABLE,
        /** Bytes stopped flowing from {@code from} to {@code to}. */
        LINK_CUT,
        /** Bytes flow again from {@code from} to {@code to}. */
        LINK_HEALED
    }
}
