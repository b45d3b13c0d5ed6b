package io.shopdr.agent.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** {@code shopdr dns}: Show and switch the shop's Linode DNS records. */
@Command(name = "dns", mixinStandardHelpOptions = true, description = "Show and switch the shop's Linode DNS records.")
public final class DnsCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        System.err.println("shopdr dns: not implemented yet");
        return 2;
    }
}
