package io.shopdr.agent.failover;

import io.shopdr.agent.health.ObservationRound;
import io.shopdr.agent.health.Vote;

/**
 * Callbacks from a running controller (the drill records its timeline with them). Called on the controller's
 * thread: return quickly and do not call back into the controller's mutating methods.
 */
public interface ControllerListener {
    default void stateChanged(String observer, ControllerState from, ControllerState to, String reason) {}

    default void votePublished(Vote vote) {}

    default void incidentUpdated(Incident incident) {}

    default void roundCompleted(String observer, ObservationRound round) {}
}
