package io.shopdr.agent.replication;

import java.io.StringWriter;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/** A throwaway CA plus a server certificate for 127.0.0.1/localhost signed by it, written as PEM files. */
public record TestCertificates(Path caCert, Path serverCert, Path serverKey, Path otherCaCert) {

    public static TestCertificates generate(Path dir) throws Exception {
        Files.createDirectories(dir);
        KeyPairGenerator gen = KeyPairGenerator.getInstance("RSA");
        gen.initialize(2048);
        KeyPair caKeys = gen.generateKeyPair();
        X509Certificate ca = sign(new X500Name("CN=shopdr test CA"), caKeys, new X500Name("CN=shopdr test CA"), caKeys, true);
        KeyPair serverKeys = gen.generateKeyPair();
        X509Certificate server = sign(new X500Name("CN=127.0.0.1"), serverKeys, new X500Name("CN=shopdr test CA"), caKeys, false);
        KeyPair otherKeys = gen.generateKeyPair();
        X509Certificate other = sign(new X500Name("CN=unrelated CA"), otherKeys, new X500Name("CN=unrelated CA"), otherKeys, true);
        TestCertificates t = new TestCertificates(dir.resolve("ca.pem"), dir.resolve("server-cert.pem"),
                dir.resolve("server-key.pem"), dir.resolve("other-ca.pem"));
        Files.writeString(t.caCert(), pem(ca));
        Files.writeString(t.serverCert(), pem(server));
        Files.writeString(t.serverKey(), pem(serverKeys.getPrivate()));
        Files.writeString(t.otherCaCert(), pem(other));
        return t;
    }

    private static X509Certificate sign(X500Name subject, KeyPair subjectKeys, X500Name issuer, KeyPair issuerKeys,
                                        boolean isCa) throws Exception {
        Instant now = Instant.now();
        JcaX509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(issuer, BigInteger.valueOf(System.nanoTime()),
                Date.from(now.minus(1, ChronoUnit.DAYS)), Date.from(now.plus(30, ChronoUnit.DAYS)), subject,
                subjectKeys.getPublic());
        b.addExtension(Extension.basicConstraints, true, new BasicConstraints(isCa));
        if (!isCa) {
            b.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(new GeneralName[] {
                    new GeneralName(GeneralName.iPAddress, "127.0.0.1"), new GeneralName(GeneralName.dNSName, "localhost"),
                    // MariaDB's wolfSSL build matches a replication source's host only against DNS names
                    new GeneralName(GeneralName.dNSName, "127.0.0.1")}));
        }
        return new JcaX509CertificateConverter().getCertificate(
                b.build(new JcaContentSignerBuilder("SHA256withRSA").build(issuerKeys.getPrivate())));
    }

    private static String pem(Object o) throws Exception {
        StringWriter w = new StringWriter();
        try (JcaPEMWriter pw = new JcaPEMWriter(w)) {
            pw.writeObject(o);
        }
        return w.toString();
    }
}
