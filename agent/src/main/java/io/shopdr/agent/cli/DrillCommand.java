package io.shopdr.agent.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** {@code shopdr drill}: Disaster-recovery drill: the local two-region simulation, or a cloud drill against a stack. */
@Command(name = "drill", mixinStandardHelpOptions = true, description = "Disaster-recovery drill: the local two-region simulation, or a cloud drill against a stack.")
public final class DrillCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        System.err.println("shopdr drill: not implemented yet");
        return 2;
    }
}
