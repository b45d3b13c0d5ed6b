package io.shopdr.agent.health;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * HTTPS probes of an ingress addressed by IP: the certificate must be trusted and name the shop's domain (not the
 * IP). Certificates come from the JDK's keytool.
 */
class HttpsProbeTest {
    @TempDir
    Path dir;

    private KeyStore keyStore(String alias, String san) throws Exception {
        Path ks = dir.resolve(alias + ".p12");
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair", "-alias", alias, "-keyalg", "RSA", "-keysize", "2048", "-validity", "2",
                "-dname", "CN=" + alias, "-ext", "san=" + san, "-storetype", "PKCS12", "-keystore", ks.toString(),
                "-storepass", "changeit", "-keypass", "changeit").redirectErrorStream(true).start();
        String outText = new String(p.getInputStream().readAllBytes());
        assertTrue(p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0, "keytool: " + outText);
        KeyStore k = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(ks)) {
            k.load(in, "changeit".toCharArray());
        }
        return k;
    }

    private HttpsServer server(KeyStore k, AtomicReference<String> host) throws Exception {
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(k, "changeit".toCharArray());
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(kmf.getKeyManagers(), null, null);
        HttpsServer s = HttpsServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        s.setHttpsConfigurator(new HttpsConfigurator(ctx));
        s.createContext("/", ex -> {
            host.set(ex.getRequestHeaders().getFirst("Host"));
            ex.sendResponseHeaders(204, -1);
            ex.close();
        });
        s.start();
        return s;
    }

    private static TrustManagerFactory trusting(KeyStore... stores) throws Exception {
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        int i = 0;
        for (KeyStore k : stores) {
            String alias = k.aliases().nextElement();
            trust.setCertificateEntry("c" + i++, k.getCertificate(alias));
        }
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        return tmf;
    }

    @Test
    void acceptsATrustedCertificateForTheShopDomainWhileConnectingByIp() throws Exception {
        KeyStore shop = keyStore("shop", "dns:shop.example.com");
        AtomicReference<String> host = new AtomicReference<>();
        HttpsServer s = server(shop, host);
        try (HttpProbe probe = HttpProbe.withDomainVerification(Duration.ofSeconds(2), Duration.ofSeconds(3),
                "shop.example.com", trusting(shop))) {
            ProbeResult r = probe.probe(new ProbeTarget("us-east",
                    URI.create("https://127.0.0.1:" + s.getAddress().getPort() + "/healthz"), "shop.example.com"));
            assertTrue(r.healthy(), r.toString());
            assertEquals(204, r.status());
            assertEquals("shop.example.com", host.get());
        } finally {
            s.stop(0);
        }
    }

    @Test
    void rejectsACertificateForAnotherNameOrFromAnUntrustedIssuer() throws Exception {
        KeyStore other = keyStore("other", "dns:other.example.com");
        KeyStore shop = keyStore("shop2", "dns:shop.example.com");
        HttpsServer s = server(other, new AtomicReference<>());
        URI url = URI.create("https://127.0.0.1:" + s.getAddress().getPort() + "/healthz");
        try (HttpProbe probe = HttpProbe.withDomainVerification(Duration.ofSeconds(2), Duration.ofSeconds(3),
                "shop.example.com", trusting(other))) {
            ProbeResult r = probe.probe(new ProbeTarget("us-east", url, "shop.example.com"));
            assertFalse(r.healthy());
            assertTrue(r.error().contains("TLS failure") || r.error().contains("I/O error"), r.error());
        }
        try (HttpProbe probe = HttpProbe.withDomainVerification(Duration.ofSeconds(2), Duration.ofSeconds(3),
                "other.example.com", trusting(shop))) {
            ProbeResult r = probe.probe(new ProbeTarget("us-east", url, "other.example.com"));
            assertFalse(r.healthy(), "right name, untrusted issuer");
        } finally {
            s.stop(0);
        }
    }
}
