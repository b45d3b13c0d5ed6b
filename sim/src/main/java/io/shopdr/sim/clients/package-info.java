/**
 * Clients that behave like clients: they resolve the shop's name through a resolver that sees zone changes
 * late, cache the answer the way their kind does (TTL-honouring stub resolvers, the JVM's 30 s, Chromium's
 * 60 s floor), place orders at a steady rate through an injected {@link io.shopdr.sim.clients.OrderSink}, and
 * record every attempt, from which {@link io.shopdr.sim.clients.TimeToFirstSuccess} computes the client-visible
 * recovery time.
 */
package io.shopdr.sim.clients;
