package io.shopdr.agent.health;

/** What an observer concluded about one region after hysteresis; UNKNOWN until a threshold was first reached. */
public enum TargetState {
    UP, DOWN, UNKNOWN;

    /** The lower-case word used in vote JSON. */
    public String word() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    public static TargetState ofWord(String word) {
        if (word == null) throw new IllegalArgumentException("vote state missing (expected up or down)");
        return switch (word.toLowerCase(java.util.Locale.ROOT)) {
            case "up" -> UP;
            case "down" -> DOWN;
            case "unknown" -> UNKNOWN;
            default -> throw new IllegalArgumentException("vote state '" + word + "' is not up, down or unknown");
        };
    }
}
