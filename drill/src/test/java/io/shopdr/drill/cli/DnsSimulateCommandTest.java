package io.shopdr.drill.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.shopdr.agent.cli.DnsCommand;
import io.shopdr.agent.cli.Shopdr;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** {@code shopdr dns simulate} (registered by the drill module) serving {@code dns show|switch} in process. */
class DnsSimulateCommandTest {

    private static final String TOKEN = "cli-token-0a1b2c3d4e";

    /** Exit code, stdout, stderr. */
    record Run(int exit, String out, String err) {}

    private Run run(Map<String, String> env, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        // The real root command; only the dns subcommand is built with the environment it reads LINODE_TOKEN from.
        CommandLine.IFactory factory = new CommandLine.IFactory() {
            @Override
            public <K> K create(Class<K> cls) throws Exception {
                return cls == DnsCommand.class ? cls.cast(new DnsCommand(env)) : CommandLine.defaultFactory().create(cls);
            }
        };
        CommandLine cl = Shopdr.commandLine(factory);
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        int exit = cl.execute(args);
        Run r = new Run(exit, out.toString(), err.toString());
        assertFalse(r.out().contains(TOKEN) || r.err().contains(TOKEN), "token shown: " + r);
        return r;
    }

    private Run run(String... args) {
        return run(Map.of("LINODE_TOKEN", TOKEN), args);
    }

    @Test
    void servesTheSimulatorForRehearsals() throws Exception {
        int port;
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        String[] result = new String[1];
        int p = port;
        Thread server = new Thread(() -> {
            Run r = run(Map.of("LINODE_TOKEN", TOKEN), "dns", "simulate", "--port", String.valueOf(p), "--zone",
                    "rehearsal.example.com", "--record", "A:@:198.51.100.1", "--record", "A:www:198.51.100.1",
                    "--duration", "0s");
            result[0] = r.exit() + "\n" + r.out() + r.err();
        });
        server.start();
        String api = "--api-url=http://127.0.0.1:" + port + "/v4";
        Run show = null;
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (System.nanoTime() < deadline) {
            show = run("dns", "show", "--zone", "rehearsal.example.com", api);
            if (show.exit() == 0) {
                break;
            }
            Thread.sleep(100);
        }
        assertEquals(0, show.exit(), show.err());
        assertTrue(show.out().contains("2 record(s)"), show.out());
        Run sw = run("dns", "switch", "--zone", "rehearsal.example.com", "--name", "www", "--target", "198.51.100.2", api);
        assertEquals(0, sw.exit(), sw.err());
        server.interrupt();
        server.join(30_000);
        assertTrue(result[0].startsWith("0\nLinode API SIMULATOR (not Linode) serving zone rehearsal.example.com"),
                result[0]);
        assertTrue(result[0].contains("simulator answered"), result[0]);

        Run badRecord = run("dns", "simulate", "--zone", "x.example.com", "--record", "A-www", "--duration", "1s");
        assertEquals(2, badRecord.exit());
        assertTrue(badRecord.err().contains("--record 'A-www' is not TYPE:NAME:TARGET"), badRecord.err());
        Run badTarget = run("dns", "simulate", "--zone", "x.example.com", "--record", "A:www:2001:db8::1", "--duration", "1s");
        assertEquals(2, badTarget.exit());
        assertTrue(badTarget.err().contains("'2001:db8::1' is not an IPv4 address"), badTarget.err());
    }
}
