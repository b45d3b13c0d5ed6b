package io.shopdr.drill.cli;

import io.shopdr.agent.cli.DnsCommand;
import io.shopdr.agent.cli.DurationConverter;
import io.shopdr.agent.cli.ExitCode;
import io.shopdr.agent.dns.DnsRecordSwitch;
import io.shopdr.linode.dns.DnsRecord;
import io.shopdr.linode.dns.DnsZone;
import io.shopdr.sim.linode.LinodeApiSimulator;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code shopdr dns simulate}: serves the Linode API SIMULATOR on 127.0.0.1 for rehearsals of {@code dns show}
 * and {@code dns switch} (and of the controller) without a Linode account; LINODE_TOKEN is its one token.
 */
@Command(name = "simulate", mixinStandardHelpOptions = true,
        description = "Serve the in-process Linode API SIMULATOR on 127.0.0.1 (not Linode) for rehearsals.")
public final class DnsSimulateCommand implements Callable<Integer> {
    @ParentCommand
    DnsCommand parent;

    @Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--port", defaultValue = "8089", description = "Port on 127.0.0.1 (default: ${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--zone", required = true, description = "Zone to create, e.g. shop.example.com.")
    String zone;

    @Option(names = "--record", description = "Record to create, TYPE:NAME:TARGET (NAME @ for the apex), e.g."
            + " A:www:198.51.100.1; repeatable.")
    List<String> records = new ArrayList<>();

    @Option(names = "--duration", paramLabel = "DURATION", defaultValue = "0s", converter = DurationConverter.class,
            description = "How long to serve, e.g. 10m; 0s = until stopped (Ctrl-C) (default: ${DEFAULT-VALUE}).")
    Duration duration;

    @Override
    public Integer call() {
        CommandLine cl = spec.commandLine();
        String token = parent.linodeToken();
        if (token == null) {
            throw new CommandLine.ParameterException(cl, "LINODE_TOKEN is not set: the simulator accepts exactly"
                    + " that token (with every scope)");
        }
        List<DnsRecord> seed = new ArrayList<>();
        for (String r : records) {
            String[] parts = r.split(":", 3);
            if (parts.length != 3 || parts[0].isBlank() || parts[2].isBlank()) {
                throw new CommandLine.ParameterException(cl, "--record '" + r + "' is not TYPE:NAME:TARGET, e.g."
                        + " A:www:198.51.100.1 (NAME @ for the apex)");
            }
            String type = parts[0].toUpperCase(java.util.Locale.ROOT);
            // the simulator's direct seeding skips the API's validation; refuse what Linode would refuse
            if ((type.equals("A") || type.equals("AAAA")) && !type.equals(addressTypeOrNull(parts[2]))) {
                throw new CommandLine.ParameterException(cl, "--record '" + r + "': '" + parts[2] + "' is not an "
                        + (type.equals("A") ? "IPv4" : "IPv6") + " address; an " + type + " record needs one, e.g."
                        + (type.equals("A") ? " A:www:198.51.100.1" : " AAAA:www:2001:db8::1"));
            }
            seed.add(DnsRecord.of(type, parts[1].equals("@") ? "" : parts[1], parts[2], 30));
        }
        try (LinodeApiSimulator sim = LinodeApiSimulator.start(port)) {
            sim.addToken(token.strip(), LinodeApiSimulator.ALL_SCOPES);
            DnsZone z = sim.addZone(zone);
            seed.forEach(r -> sim.addRecord(z, r));
            PrintWriter out = cl.getOut();
            out.printf("Linode API SIMULATOR (not Linode) serving zone %s at %s%n", z.domain(), sim.apiUrl());
            out.printf("try: ./shopdr dns show --zone %s --api-url %s%n", z.domain(), sim.apiUrl());
            out.flush();
            try {
                if (!duration.isZero()) {
                    Thread.sleep(duration.toMillis());
                } else {
                    Thread.currentThread().join();
                }
            } catch (InterruptedException stop) {
                Thread.currentThread().interrupt();
            }
            out.printf("simulator answered %d request(s)%n", sim.requests().size());
            out.flush();
            return ExitCode.OK.code();
        } catch (java.io.UncheckedIOException e) {
            cl.getErr().println("shopdr dns: " + e.getMessage() + " (" + e.getCause().getMessage()
                    + "); choose another --port");
            return ExitCode.FAILED.code();
        }
    }

    private static String addressTypeOrNull(String target) {
        try {
            return DnsRecordSwitch.addressType(target);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
