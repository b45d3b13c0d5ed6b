package io.shopdr.sim.wan;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Carries one direction of one relayed connection across a {@link DirectedLink}: a reader stamps each chunk with
 * its arrival time (never earlier than the chunk before it, so byte order holds under jitter), a writer hands it
 * over at that time, and holds it while the link is cut. End of stream is passed on as a half-close.
 */
final class Pump {
    private static final int CHUNK = 16 * 1024;
    private static final byte[] END = new byte[0];

    private record Chunk(byte[] data, long arrivalNanos) {}

    private final DirectedLink link;
    private final BlockingQueue<Chunk> queue = new LinkedBlockingQueue<>();
    private final Runnable onDone;
    private long lastArrivalNanos = Long.MIN_VALUE;

    Pump(DirectedLink link, Runnable onDone) {
        this.link = link;
        this.onDone = onDone;
    }

    /** Starts reading {@code from}; {@code to} is supplied later (the upstream socket opens after the handshake). */
    void startReading(Socket from, String name) {
        Thread reader = new Thread(() -> read(from), name + "-read");
        reader.setDaemon(true);
        reader.start();
    }

    void startWriting(Socket to, String name) {
        Thread writer = new Thread(() -> write(to), name + "-write");
        writer.setDaemon(true);
        writer.start();
    }

    private void read(Socket from) {
        byte[] buffer = new byte[CHUNK];
        try {
            InputStream in = from.getInputStream();
            int n;
            while ((n = in.read(buffer)) > 0) {
                enqueue(java.util.Arrays.copyOf(buffer, n));
            }
        } catch (IOException closed) {
            // The socket was closed: pass on the end of the stream.
        }
        enqueue(END);
    }

    private void enqueue(byte[] data) {
        long arrival = Math.max(link.arrivalNanos(data.length, System.nanoTime()), lastArrivalNanos);
        lastArrivalNanos = arrival;
        queue.add(new Chunk(data, arrival));
    }

    private void write(Socket to) {
        try {
            OutputStream out = to.getOutputStream();
            while (true) {
                Chunk chunk = queue.take();
                sleepUntil(chunk.arrivalNanos());
                link.awaitOpen();
                if (chunk.data() == END) {
                    to.shutdownOutput();
                    break;
                }
                // counted before the write: a reader that has the bytes must also see them counted
                link.bytes.addAndGet(chunk.data().length);
                out.write(chunk.data());
                out.flush();
            }
        } catch (IOException | InterruptedException closed) {
            // The peer or the WAN closed the connection.
        } finally {
            onDone.run();
        }
    }

    static void sleepUntil(long nanos) throws InterruptedException {
        long wait;
        while ((wait = nanos - System.nanoTime()) > 0) {
            TimeUnit.NANOSECONDS.sleep(wait);
        }
    }
}
