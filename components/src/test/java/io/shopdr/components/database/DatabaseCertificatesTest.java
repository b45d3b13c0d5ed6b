package io.shopdr.components.database;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DatabaseCertificatesTest {
    private static final List<String> REGIONS = List.of("us-east", "eu-west");

    @Test
    void sameSeedGivesSameBytesSoPreviewsShowNoDiff() {
        var a = DatabaseCertificates.derive("seed-one-0123456789", "db", REGIONS);
        var b = DatabaseCertificates.derive("seed-one-0123456789", "db", REGIONS);
        assertEquals(a.caCertificatePem(), b.caCertificatePem());
        assertEquals(a.server("eu-west"), b.server("eu-west"));
        var c = DatabaseCertificates.derive("seed-two-0123456789", "db", REGIONS);
        assertNotEquals(a.caCertificatePem(), c.caCertificatePem());
        assertNotEquals(a.server("eu-west").privateKeyPem(), c.server("eu-west").privateKeyPem());
        assertNotEquals(a.server("us-east").privateKeyPem(), a.server("eu-west").privateKeyPem());
    }

    @Test
    void caIsSelfSignedAndServerCertificatesChainToIt() throws Exception {
        var tls = DatabaseCertificates.derive("chain-seed-0123456789", "db", REGIONS);
        X509Certificate ca = cert(tls.caCertificatePem());
        ca.verify(ca.getPublicKey());
        ca.checkValidity();
        assertTrue(ca.getBasicConstraints() >= 0, "CA basic constraint");
        for (String region : REGIONS) {
            X509Certificate server = cert(tls.server(region).certificatePem());
            server.verify(ca.getPublicKey());
            server.checkValidity();
            assertEquals(-1, server.getBasicConstraints(), "server certificate is not a CA");
            assertEquals(ca.getSubjectX500Principal(), server.getIssuerX500Principal());
            assertTrue(server.getSubjectAlternativeNames().stream()
                    .anyMatch(n -> DatabaseCertificates.serverName(region).equals(n.get(1))));
            assertEquals("SHA256withECDSA", server.getSigAlgName());
        }
    }

    @Test
    void tlsHandshakeSucceedsWithTheCaAndFailsWithAnotherCa() throws Exception {
        var tls = DatabaseCertificates.derive("handshake-seed-0123456789", "db", REGIONS);
        var other = DatabaseCertificates.derive("other-seed-0123456789", "db", REGIONS);
        assertEquals("ok", handshake(tls, tls.caCertificatePem()));
        assertThrows(SSLHandshakeException.class, () -> handshake(tls, other.caCertificatePem()));
    }

    @Test
    void toStringHidesKeys() {
        var tls = DatabaseCertificates.derive("tostring-seed-0123456789", "db", REGIONS);
        assertFalse(tls.toString().contains("PRIVATE"), tls.toString());
        assertFalse(tls.server("us-east").toString().contains("PRIVATE"));
        assertThrows(IllegalArgumentException.class, () -> DatabaseCertificates.derive("", "db", REGIONS));
    }

    /** Serves TLS with the us-east server key; a client trusting {@code trustedCaPem} connects and reads. */
    private static String handshake(DatabaseCertificates tls, String trustedCaPem) throws Exception {
        KeyStore ks = KeyStore.getInstance("PKCS12");
        ks.load(null, null);
        PrivateKey key = KeyFactory.getInstance("EC").generatePrivate(new PKCS8EncodedKeySpec(
                der(tls.server("us-east").privateKeyPem())));
        ks.setKeyEntry("server", key, "pw".toCharArray(), new java.security.cert.Certificate[] {
                cert(tls.server("us-east").certificatePem()), cert(tls.caCertificatePem())});
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(ks, "pw".toCharArray());
        SSLContext serverCtx = SSLContext.getInstance("TLS");
        serverCtx.init(kmf.getKeyManagers(), null, null);

        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        trust.setCertificateEntry("ca", cert(trustedCaPem));
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        SSLContext clientCtx = SSLContext.getInstance("TLS");
        clientCtx.init(null, tmf.getTrustManagers(), null);

        try (SSLServerSocket server = (SSLServerSocket) serverCtx.getServerSocketFactory().createServerSocket(0)) {
            CompletableFuture<Void> serving = CompletableFuture.runAsync(() -> {
                try (SSLSocket s = (SSLSocket) server.accept(); OutputStream out = s.getOutputStream()) {
                    out.write("ok".getBytes(StandardCharsets.UTF_8));
                    out.flush();
                } catch (Exception ignored) {
                    // the failing case ends here when the client rejects the certificate
                }
            });
            try (SSLSocket client = (SSLSocket) clientCtx.getSocketFactory().createSocket("127.0.0.1", server.getLocalPort())) {
                client.setSoTimeout(30_000);
                client.startHandshake();
                InputStream in = client.getInputStream();
                return new String(in.readNBytes(2), StandardCharsets.UTF_8);
            } finally {
                serving.get(30, TimeUnit.SECONDS);
            }
        }
    }

    static X509Certificate cert(String pem) throws Exception {
        return (X509Certificate) CertificateFactory.getInstance("X.509")
                .generateCertificate(new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII)));
    }

    private static byte[] der(String pem) {
        return Base64.getMimeDecoder().decode(pem.replaceAll("-----[A-Z ]+-----", ""));
    }
}
