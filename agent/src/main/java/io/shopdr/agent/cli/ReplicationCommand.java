package io.shopdr.agent.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** {@code shopdr replication}: Configure, inspect, switch over, fail over and rejoin database replication. */
@Command(name = "replication", mixinStandardHelpOptions = true, description = "Configure, inspect, switch over, fail over and rejoin database replication.")
public final class ReplicationCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        System.err.println("shopdr replication: not implemented yet");
        return 2;
    }
}
