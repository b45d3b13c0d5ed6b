/**
 * Linode API v4's per-user rate limits as Akamai's rate-limits page states them (page updated 2026-09-15,
 * https://techdocs.akamai.com/linode-api/reference/rate-limits): 200 requests per minute for GET operations that
 * return paginated collections (listing a zone's records is one), 1,600 per minute for every other operation;
 * a request over the limit gets 429 with {@code Retry-After}. Standalone: the Linode API simulator asks
 * {@link io.shopdr.sim.linode.ratelimit.LinodeRateLimiter} before serving a request, and the twin reports
 * {@link io.shopdr.sim.linode.ratelimit.RequestRateMeter}'s figures as {@code api_requests_per_min}.
 */
package io.shopdr.sim.linode.ratelimit;
