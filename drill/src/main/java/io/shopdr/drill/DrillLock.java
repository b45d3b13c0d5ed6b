package io.shopdr.drill;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Ensures only one drill runs per machine: an OS file lock (released by the kernel even when the JVM is killed, so
 * a crashed drill never leaves a stale lock), with the holder's pid written inside for the error message.
 */
public final class DrillLock implements AutoCloseable {
    private final FileChannel channel;
    private final FileLock lock;

    private DrillLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    /** The default lock file: {@code $TMPDIR/shopdr-drill.lock}. */
    public static Path defaultPath() {
        return Path.of(System.getProperty("java.io.tmpdir"), "shopdr-drill.lock");
    }

    /** Takes the lock or fails with "a drill is already running (pid N)". */
    public static DrillLock acquire(Path file) {
        FileChannel ch = null;
        try {
            ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
            FileLock l;
            try {
                l = ch.tryLock();
            } catch (OverlappingFileLockException e) {
                l = null;
            }
            if (l == null) {
                String holder = Files.readString(file, StandardCharsets.UTF_8).trim();
                ch.close();
                throw new DrillException("a drill is already running" + (holder.isEmpty() ? "" : " (pid " + holder + ")")
                        + "; wait for it to finish or stop it with Ctrl-C (lock file " + file + ")");
            }
            ch.truncate(0);
            ch.write(java.nio.ByteBuffer.wrap(Long.toString(ProcessHandle.current().pid()).getBytes(StandardCharsets.UTF_8)));
            ch.force(false);
            return new DrillLock(ch, l);
        } catch (IOException e) {
            try {
                if (ch != null) ch.close();
            } catch (IOException ignored) {
                // already failing
            }
            throw new DrillException("cannot use the drill lock file " + file + ": " + e.getMessage());
        }
    }

    @Override
    public void close() {
        try {
            lock.release();
            channel.truncate(0);
            channel.close();
        } catch (IOException ignored) {
            // the kernel drops the lock with the channel anyway
        }
    }
}
