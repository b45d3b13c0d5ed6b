/**
 * The drill's clients: {@link io.shopdr.drill.clients.ZoneFeed} copies the shop's records from the Linode API
 * simulator into the authoritative zone the clients' resolvers read (with its history, so each resolver sees a
 * change after its own propagation delay), {@link io.shopdr.drill.clients.HttpOrderSink} places a client's order
 * at a real storefront over HTTP, and {@link io.shopdr.drill.clients.ClientLoad} runs a client population on them.
 */
package io.shopdr.drill.clients;
