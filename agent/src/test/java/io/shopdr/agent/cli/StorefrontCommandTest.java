package io.shopdr.agent.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** {@code shopdr storefront}: the reference store served from the command line. */
class StorefrontCommandTest {

    record Run(int exit, String out, String err) {}

    private static Run run(Map<String, String> env, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cl = new CommandLine(new StorefrontCommand(env));
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        int exit = cl.execute(args);
        return new Run(exit, out.toString(), err.toString());
    }

    private static int freePort() throws Exception {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getByName("127.0.0.1"))) {
            return s.getLocalPort();
        }
    }

    @Test
    void passwordOnlyFromTheEnvironment() {
        Run r = run(Map.of(), "--region", "us-east", "--db-host", "127.0.0.1", "--duration", "1s");
        assertEquals(2, r.exit());
        assertTrue(r.err().contains("SHOPDR_DB_APP_PASSWORD is not set"), r.err());
    }

    @Test
    void listenMustBeHostAndPort() {
        Run r = run(Map.of("SHOPDR_DB_APP_PASSWORD", "pw"), "--region", "us-east", "--db-host", "127.0.0.1",
                "--listen", "8080", "--duration", "1s");
        assertEquals(2, r.exit());
        assertTrue(r.err().contains("--listen '8080' is not HOST:PORT"), r.err());
    }

    @Test
    void servesAndReportsAnUnreachableDatabaseAsUnhealthy() throws Exception {
        int port = freePort();
        int closedDbPort = freePort();
        Run[] result = new Run[1];
        Thread shop = new Thread(() -> result[0] = run(Map.of("SHOPDR_DB_APP_PASSWORD", "secret-app-pw"), "--region",
                "us-east", "--listen", "127.0.0.1:" + port, "--db-host", "127.0.0.1", "--db-port",
                String.valueOf(closedDbPort), "--duration", "5s"));
        shop.start();
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        HttpRequest healthz = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/healthz"))
                .timeout(Duration.ofSeconds(10)).build();
        HttpResponse<String> answer = null;
        long deadline = System.nanoTime() + Duration.ofSeconds(4).toNanos();
        while (answer == null && System.nanoTime() < deadline) {
            try {
                answer = http.send(healthz, HttpResponse.BodyHandlers.ofString());
            } catch (java.net.ConnectException notYet) {
                Thread.sleep(50);
            }
        }
        shop.join(30_000);
        assertNotNull(answer, "the storefront never answered on port " + port);
        assertEquals(503, answer.statusCode(), answer.body());
        assertTrue(answer.body().contains("\"region\":\"us-east\""), answer.body());
        assertEquals(0, result[0].exit(), result[0].err());
        assertTrue(result[0].out().contains("storefront for us-east serving on 127.0.0.1:" + port), result[0].out());
        assertFalse(result[0].out().contains("secret-app-pw") || result[0].err().contains("secret-app-pw"));
    }
}
