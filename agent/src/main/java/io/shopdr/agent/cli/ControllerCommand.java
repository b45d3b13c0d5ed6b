package io.shopdr.agent.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** {@code shopdr controller}: Run the failover controller for one region. */
@Command(name = "controller", mixinStandardHelpOptions = true, description = "Run the failover controller for one region.")
public final class ControllerCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        System.err.println("shopdr controller: not implemented yet");
        return 2;
    }
}
