package io.shopdr.agent.replication;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.util.Collection;
import java.util.HexFormat;
import java.util.Properties;

/**
 * TLS settings for the engine's own admin connections: none, or verified against a PEM CA (converted once into a
 * private PKCS#12 trust store, because the MySQL driver takes trust stores, not PEM files).
 */
public final class ConnectionSecurity {
    private final Path trustStore;
    private final String trustStorePassword;

    private ConnectionSecurity(Path trustStore, String trustStorePassword) {
        this.trustStore = trustStore;
        this.trustStorePassword = trustStorePassword;
    }

    public static ConnectionSecurity plain() {
        return new ConnectionSecurity(null, null);
    }

    /** Verified TLS with the CA certificates of {@code caPem}. */
    public static ConnectionSecurity verifiedBy(Path caPem) {
        if (!Files.isReadable(caPem)) {
            throw new ReplicationException(null, "CA file " + caPem + " does not exist or is not readable: pass the PEM CA certificate with --ca");
        }
        try (InputStream in = Files.newInputStream(caPem)) {
            Collection<? extends Certificate> certs = CertificateFactory.getInstance("X.509").generateCertificates(in);
            if (certs.isEmpty()) throw new GeneralSecurityException("no certificate found");
            KeyStore ks = KeyStore.getInstance("PKCS12");
            ks.load(null, null);
            int i = 0;
            for (Certificate c : certs) ks.setCertificateEntry("ca" + i++, c);
            byte[] pw = new byte[16];
            new SecureRandom().nextBytes(pw);
            String password = HexFormat.of().formatHex(pw);
            Path file = Files.createTempFile("shopdr-ca-", ".p12");
            file.toFile().deleteOnExit();
            try (OutputStream out = Files.newOutputStream(file)) {
                ks.store(out, password.toCharArray());
            }
            return new ConnectionSecurity(file, password);
        } catch (IOException | GeneralSecurityException e) {
            throw new ReplicationException(null, "CA file " + caPem + " is not a PEM X.509 certificate (" + e.getMessage()
                    + "): pass the CA certificate that signed the database servers' certificates with --ca");
        }
    }

    boolean tls() {
        return trustStore != null;
    }

    /** Sets Connector/J's TLS properties: VERIFY_CA against the trust store, or TLS disabled. */
    public void apply(Properties props) {
        if (trustStore == null) {
            props.setProperty("sslMode", "DISABLED");
            return;
        }
        props.setProperty("sslMode", "VERIFY_CA");
        props.setProperty("trustCertificateKeyStoreUrl", trustStore.toUri().toString());
        props.setProperty("trustCertificateKeyStoreType", "PKCS12");
        props.setProperty("trustCertificateKeyStorePassword", trustStorePassword);
    }
}
