package io.shopdr.agent.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** {@code shopdr replicate}: Post-deploy hook: configure and verify replication from a stack's outputs. */
@Command(name = "replicate", mixinStandardHelpOptions = true, description = "Post-deploy hook: configure and verify replication from a stack's outputs.")
public final class ReplicateCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        System.err.println("shopdr replicate: not implemented yet");
        return 2;
    }
}
