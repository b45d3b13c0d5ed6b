package io.shopdr.agent.health;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Every case of DESIGN.md's quorum rule, primary = us-east, observers us-east, eu-west, ap-south and a witness. */
class QuorumTest {
    private static final Instant NOW = Instant.parse("2026-11-26T10:00:00Z");
    private final Quorum quorum = new Quorum(Duration.ofSeconds(10));

    private static Vote vote(String observer, String target, TargetState state, int ageSeconds) {
        return Vote.of(observer, target, state, NOW.minusSeconds(600), 1, NOW.minusSeconds(ageSeconds));
    }

    @Test
    void majorityDownFromOutsideWithOwnRegionSilentIsDown() {
        QuorumVerdict v = quorum.verdict("us-east", List.of(
                vote("eu-west", "us-east", TargetState.DOWN, 1),
                vote("witness", "us-east", TargetState.DOWN, 2)), NOW);
        assertTrue(v.down(), v.reason());
        assertFalse(v.up());
        assertEquals(List.of("eu-west", "witness"), v.downObservers());
    }

    @Test
    void staleOwnRegionUpVoteDoesNotBlock() {
        QuorumVerdict v = quorum.verdict("us-east", List.of(
                vote("us-east", "us-east", TargetState.UP, 30),
                vote("eu-west", "us-east", TargetState.DOWN, 1),
                vote("witness", "us-east", TargetState.DOWN, 1)), NOW);
        assertTrue(v.down(), v.reason());
        assertEquals(List.of("us-east"), v.staleObservers());
    }

    @Test
    void freshUpVoteFromPrimaryRegionBlocksEvenAgainstMajority() {
        QuorumVerdict v = quorum.verdict("us-east", List.of(
                vote("us-east", "us-east", TargetState.UP, 1),
                vote("eu-west", "us-east", TargetState.DOWN, 1),
                vote("ap-south", "us-east", TargetState.DOWN, 1),
                vote("witness", "us-east", TargetState.DOWN, 1)), NOW);
        assertFalse(v.down(), v.reason());
        assertTrue(v.reason().contains("partition"), v.reason());
    }

    @Test
    void minorityDownIsNotDown() {
        QuorumVerdict v = quorum.verdict("us-east", List.of(
                vote("us-east", "us-east", TargetState.UP, 1),
                vote("eu-west", "us-east", TargetState.DOWN, 1),
                vote("witness", "us-east", TargetState.UP, 1)), NOW);
        assertFalse(v.down());
        assertTrue(v.up());
    }

    @Test
    void exactHalfIsNoMajority() {
        QuorumVerdict v = quorum.verdict("us-east", List.of(
                vote("eu-west", "us-east", TargetState.DOWN, 1),
                vote("witness", "us-east", TargetState.UP, 1)), NOW);
        assertFalse(v.down(), v.reason());
        assertFalse(v.up());
    }

    @Test
    void downVotesOnlyFromInsideThePrimaryRegionAreNotEnough() {
        QuorumVerdict v = quorum.verdict("us-east", List.of(
                vote("us-east", "us-east", TargetState.DOWN, 1)), NOW);
        assertFalse(v.down(), v.reason());
        assertTrue(v.reason().contains("only observers inside"), v.reason());
    }

    @Test
    void primaryRegionVotingDownCountsWithOutsiders() {
        QuorumVerdict v = quorum.verdict("us-east", List.of(
                vote("us-east", "us-east", TargetState.DOWN, 1),
                vote("eu-west", "us-east", TargetState.DOWN, 1),
                vote("witness", "us-east", TargetState.UP, 1)), NOW);
        assertTrue(v.down(), v.reason());
    }

    @Test
    void staleDownVotesCountAsAbsent() {
        QuorumVerdict v = quorum.verdict("us-east", List.of(
                vote("eu-west", "us-east", TargetState.DOWN, 11),
                vote("witness", "us-east", TargetState.DOWN, 60)), NOW);
        assertFalse(v.down());
        assertEquals(0, v.freshVotes());
        assertTrue(v.reason().startsWith("no fresh votes"), v.reason());
    }

    @Test
    void voteExactlyAtTheStaleBoundaryIsStillFresh() {
        assertTrue(quorum.isFresh(vote("eu-west", "us-east", TargetState.DOWN, 10), NOW));
        assertFalse(quorum.isFresh(vote("eu-west", "us-east", TargetState.DOWN, 11), NOW));
    }

    @Test
    void votesAboutOtherTargetsAndUnknownStatesAreIgnored() {
        QuorumVerdict v = quorum.verdict("us-east", List.of(
                vote("eu-west", "eu-west", TargetState.DOWN, 1),
                vote("witness", "us-east", TargetState.UNKNOWN, 1),
                vote("witness", "eu-west", TargetState.DOWN, 1)), NOW);
        assertEquals(0, v.freshVotes());
        assertFalse(v.down());
    }

    @Test
    void witnessAloneCanDecideWhenItIsTheOnlyFreshObserver() {
        QuorumVerdict v = quorum.verdict("us-east", List.of(vote("witness", "us-east", TargetState.DOWN, 1)), NOW);
        assertTrue(v.down(), v.reason());
    }

    /**
     * Issue 14 defect 6: a vote dated 30 s in the future (its observer's clock runs ahead) used to count as fresh for
     * as long as the clock led, so one skewed observer's "down" could decide; now it is ignored and named.
     */
    @Test
    void aVoteDatedBeyondTheClockSkewBoundDoesNotCount() {
        Vote future = vote("eu-west", "us-east", TargetState.DOWN, -30);
        assertFalse(quorum.isFresh(future, NOW));
        QuorumVerdict v = quorum.verdict("us-east", List.of(future), NOW);
        assertFalse(v.down(), v.reason());
        assertEquals(List.of("eu-west"), v.skewedObservers());
        assertTrue(v.reason().contains("clock-skewed: eu-west"), v.reason());
        // within the bound (NTP-level skew) a vote from slightly ahead still counts
        assertTrue(quorum.isFresh(vote("eu-west", "us-east", TargetState.DOWN, -2), NOW));
        assertTrue(quorum.verdict("us-east", List.of(vote("eu-west", "us-east", TargetState.DOWN, -2)), NOW).down());
    }

    @Test
    void rejectsNonPositiveStaleness() {
        assertThrows(IllegalArgumentException.class, () -> new Quorum(Duration.ZERO));
    }
}
