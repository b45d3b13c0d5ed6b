package io.shopdr.sim.linode;

/**
 * A request as it reaches {@link LinodeApiSimulator}, before anything answers it: method, path below the API version
 * ({@code /domains/1/records/2}) and body (null when empty). What a targeted fault
 * ({@link LinodeApiSimulator#failMatching}) is matched against.
 */
public record IncomingRequest(String method, String path, String body) {
}
