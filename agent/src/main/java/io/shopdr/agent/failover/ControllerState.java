package io.shopdr.agent.failover;

/**
 * The controller's state machine: PRIMARY_HEALTHY → PRIMARY_SUSPECT (some observer sees the primary down, no
 * quorum yet) → FAILING_OVER (this controller is fencing, promoting and switching DNS) → FAILED_OVER (serving from
 * a standby region); FAILING_BACK only while an operator's failback runs.
 */
public enum ControllerState {
    PRIMARY_HEALTHY, PRIMARY_SUSPECT, FAILING_OVER, FAILED_OVER, FAILING_BACK
}
