package io.shopdr.drill.twin;

/**
 * What happens to the primary region in a drill: the single call a nemesis replaces (issue 14). It runs once, at
 * the kill moment, and says in one line what it did.
 */
@FunctionalInterface
public interface Fault {
    /** Injects the fault into {@code world} whose primary region is {@code primary}; returns what was done. */
    String inject(TwinWorld world, String primary) throws Exception;

    /** The default: kill -9 of the primary's database, and its storefront and controller stopped (the region died). */
    Fault KILL_REGION = (world, primary) -> {
        world.kill(primary);
        world.stopStorefront(primary);
        world.controllers().stop(primary);
        return "kill -9 mariadbd (" + primary + "), storefront and controller of " + primary + " stopped";
    };
}
