package io.shopdr.agent.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** {@code shopdr failback}: Operator-triggered planned failback to the original primary region. */
@Command(name = "failback", mixinStandardHelpOptions = true, description = "Operator-triggered planned failback to the original primary region.")
public final class FailbackCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        System.err.println("shopdr failback: not implemented yet");
        return 2;
    }
}
