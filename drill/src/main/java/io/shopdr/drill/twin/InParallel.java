package io.shopdr.drill.twin;

import java.util.List;

/**
 * Runs tear-down steps each on its own thread and waits for all of them: stopping a twin's servers and controllers
 * one after another added their worst-case waits (a server's 10 s shutdown, a controller's grace for a cycle stuck
 * on a dead region) — 51 s to stop a three-region world.
 */
final class InParallel {
    private InParallel() {
    }

    /** Starts every step, then waits for each to end (an interrupt stops the waiting, not the steps). */
    static void run(String name, List<Runnable> steps) {
        List<Thread> threads = steps.stream().map(s -> new Thread(s, name)).toList();
        threads.forEach(Thread::start);
        for (Thread t : threads) {
            try {
                t.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
