package io.shopdr.sim.linode.ratelimit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class LinodeRateLimiterTest {
    private static final Instant T0 = Instant.parse("2026-12-01T00:00:00Z");

    @Test
    void listingsAreLimitedTo200AMinuteOverASlidingWindow() {
        LinodeRateLimiter limiter = new LinodeRateLimiter();
        for (int i = 0; i < 200; i++) {
            assertInstanceOf(RateLimitDecision.Allowed.class, limiter.decide("token", LimitClass.PAGINATED_COLLECTION, T0.plusMillis(100L * i)));
        }
        RateLimitDecision refused = limiter.decide("token", LimitClass.PAGINATED_COLLECTION, T0.plusSeconds(30));
        assertEquals(new RateLimitDecision.Limited(200, 30, T0.plusSeconds(60)), refused);
        assertEquals(429, ((RateLimitDecision.Limited) refused).status());
        // The first request leaves the window at t=60 s; another user and the other class are not affected.
        assertInstanceOf(RateLimitDecision.Allowed.class, limiter.decide("token", LimitClass.PAGINATED_COLLECTION, T0.plusSeconds(60)));
        assertInstanceOf(RateLimitDecision.Limited.class, limiter.decide("token", LimitClass.PAGINATED_COLLECTION, T0.plusSeconds(60)));
        assertEquals(new RateLimitDecision.Allowed(200, 199, T0.plusSeconds(90)), limiter.decide("other", LimitClass.PAGINATED_COLLECTION, T0.plusSeconds(30)));
        assertEquals(new RateLimitDecision.Allowed(1_600, 1_599, T0.plusSeconds(90)), limiter.decide("token", LimitClass.OTHER, T0.plusSeconds(30)));
    }

    @Test
    void otherOperationsAreLimitedTo1600AMinute() {
        LinodeRateLimiter limiter = new LinodeRateLimiter();
        for (int i = 0; i < 1_600; i++) {
            assertInstanceOf(RateLimitDecision.Allowed.class, limiter.decide("token", LimitClass.OTHER, T0));
        }
        assertEquals(new RateLimitDecision.Limited(1_600, 60, T0.plusSeconds(60)), limiter.decide("token", LimitClass.OTHER, T0));
    }

    @Test
    void requestsAreClassifiedByMethodAndCollection() {
        assertEquals(LimitClass.PAGINATED_COLLECTION, LimitClass.of("GET", "/v4/domains/12/records?page_size=500"));
        assertEquals(LimitClass.PAGINATED_COLLECTION, LimitClass.of("get", "/v4/domains"));
        assertEquals(LimitClass.OTHER, LimitClass.of("GET", "/v4/domains/12/records/34"));
        assertEquals(LimitClass.OTHER, LimitClass.of("PUT", "/v4/domains/12/records/34"));
        assertEquals(LimitClass.OTHER, LimitClass.of("POST", "/v4/domains/12/records"));
        assertEquals(LimitClass.OTHER, LimitClass.of("GET", "/v4/networking/firewalls/5/rules"));
    }

    @Test
    void theMeterCountsTheLastMinuteByClass() {
        RequestRateMeter meter = new RequestRateMeter();
        // Issue 13's arithmetic: three observers each listing the zone once per 1 s probe = 180 listings a minute.
        for (int s = 0; s < 60; s++) {
            for (int observer = 0; observer < 3; observer++) {
                meter.record(LimitClass.PAGINATED_COLLECTION, T0.plusSeconds(s));
            }
            meter.record(LimitClass.OTHER, T0.plusSeconds(s));
        }
        Instant end = T0.plusMillis(59_500);
        assertEquals(180, meter.perMinute(LimitClass.PAGINATED_COLLECTION, end));
        assertEquals(60, meter.perMinute(end).get(LimitClass.OTHER));
        assertFalse(meter.withinShareOfLimits(0.5, end));
        assertTrue(meter.withinShareOfLimits(0.9, end));
        assertEquals(0, meter.perMinute(LimitClass.PAGINATED_COLLECTION, T0.plusSeconds(200)));
    }
}
