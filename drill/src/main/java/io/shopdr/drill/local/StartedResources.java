package io.shopdr.drill.local;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * Everything a drill started (servers, databases, temp dirs), closed in reverse order exactly once, either at the
 * end of the drill or from the Ctrl-C shutdown hook, whichever comes first.
 */
public final class StartedResources implements AutoCloseable {
    private record Entry(String name, AutoCloseable resource) {}

    private final Deque<Entry> entries = new ArrayDeque<>();

    /** Registers {@code resource} and returns it. */
    public synchronized <T extends AutoCloseable> T add(String name, T resource) {
        entries.push(new Entry(name, resource));
        return resource;
    }

    /** Closes and forgets one resource early (e.g. the killed region's storefront). */
    public void closeNow(AutoCloseable resource) {
        synchronized (this) {
            entries.removeIf(e -> e.resource() == resource);
        }
        closeQuietly(resource);
    }

    /** Closes everything, newest first; returns the names of resources that failed to close. */
    @Override
    public void close() {
        List<String> failed = closeAll();
        if (!failed.isEmpty()) System.err.println("shopdr drill: could not stop cleanly: " + String.join(", ", failed));
    }

    public List<String> closeAll() {
        List<String> failed = new ArrayList<>();
        while (true) {
            Entry e;
            synchronized (this) {
                e = entries.poll();
            }
            if (e == null) return failed;
            if (!closeQuietly(e.resource())) failed.add(e.name());
        }
    }

    private static boolean closeQuietly(AutoCloseable c) {
        try {
            c.close();
            return true;
        } catch (Exception e) {
            return false;
        }
    }
}
