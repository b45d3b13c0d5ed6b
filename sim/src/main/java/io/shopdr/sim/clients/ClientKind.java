package io.shopdr.sim.clients;

import java.time.Duration;

/** How a kind of client caches a DNS answer it got from its resolver. */
public enum ClientKind {
    /** Caches for exactly the TTL the resolver hands down (a stub resolver that honours TTLs, e.g. curl via nscd). */
    TTL_HONOURING {
        @Override
        public Duration cacheFor(Duration remainingTtl) {
            return remainingTtl;
        }
    },
    /**
     * A JVM without a security manager: 30 s whatever the TTL. Verified at the source: OpenJDK 17's
     * {@code conf/security/java.security} leaves {@code networkaddress.cache.ttl} unset and says "when a security
     * manager is not set, the default behavior in this implementation is to cache for 30 seconds";
     * {@code sun.net.InetAddressCachePolicy.get()} returns 30 on this machine's JDK 17.0.15.
     */
    JVM {
        @Override
        public Duration cacheFor(Duration remainingTtl) {
            return JVM_DEFAULT_CACHE;
        }
    },
    /**
     * Chromium: at least 60 s. Verified at the source: Chromium's {@code net/dns/host_resolver_manager_job.cc}
     * (2024) sets {@code kCacheEntryTTLSeconds = 60} for answers from the system resolver (which gives no TTL) and
     * {@code kMinimumTTLSeconds = kCacheEntryTTLSeconds} for its own DNS client; so max(TTL, 60 s).
     */
    BROWSER {
        @Override
        public Duration cacheFor(Duration remainingTtl) {
            return remainingTtl.compareTo(BROWSER_FLOOR) > 0 ? remainingTtl : BROWSER_FLOOR;
        }
    };

    /** The JDK's default positive cache time without a security manager. */
    public static final Duration JVM_DEFAULT_CACHE = Duration.ofSeconds(30);
    /** Chromium's minimum cache time for a successful resolution. */
    public static final Duration BROWSER_FLOOR = Duration.ofSeconds(60);

    /** How long this kind keeps an answer that came with {@code remainingTtl}. */
    public abstract Duration cacheFor(Duration remainingTtl);
}
