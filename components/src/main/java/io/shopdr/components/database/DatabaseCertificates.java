package io.shopdr.components.database;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.bouncycastle.asn1.sec.SECObjectIdentifiers;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.asn1.x9.X9ECParameters;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.bc.BcX509ExtensionUtils;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.ec.CustomNamedCurves;
import org.bouncycastle.crypto.params.ECNamedDomainParameters;
import org.bouncycastle.crypto.params.ECPrivateKeyParameters;
import org.bouncycastle.crypto.params.ECPublicKeyParameters;
import org.bouncycastle.crypto.signers.ECDSASigner;
import org.bouncycastle.crypto.signers.HMacDSAKCalculator;
import org.bouncycastle.crypto.signers.StandardDSAEncoding;
import org.bouncycastle.crypto.util.PrivateKeyInfoFactory;
import org.bouncycastle.crypto.util.SubjectPublicKeyInfoFactory;
import org.bouncycastle.math.ec.FixedPointCombMultiplier;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.DefaultSignatureAlgorithmIdentifierFinder;
import org.bouncycastle.util.io.pem.PemObject;
import org.bouncycastle.util.io.pem.PemWriter;

/**
 * The TLS material of one ReplicatedDatabase: a private CA and one server certificate + key per region,
 * derived <em>deterministically</em> from a secret seed.
 *
 * <p>Why deterministic: pulumi-tls is not available here and Pulumi Java has no dynamic providers, so the
 * material is computed in the program at preview time. The server key travels in the instance's user data,
 * which Linode treats as replace-on-change; random generation would produce new bytes (a diff, a
 * replacement) on every {@code pulumi up}. Deriving the ECDSA P-256 keys from HMAC-SHA256(seed, purpose),
 * signing with RFC 6979 deterministic ECDSA, and using fixed validity dates makes the same seed yield the
 * same PEM bytes on every run. Nothing here is random, so the seed must be a secret: whoever knows it can
 * recompute the CA key. The CA private key is never output; the CA certificate is public.
 *
 * <p>The server certificates name the server by a DNS SAN ({@code db-<region>.shopdr.internal}), not by
 * IP (the IP is unknown before the instance exists, and is in the user data the certificate is part of):
 * clients verify the chain against this private CA (MySQL {@code VERIFY_CA}, MariaDB
 * {@code MASTER_SSL_CA}), which only this deployment's servers hold certificates from.
 */
public final class DatabaseCertificates {
    /** Fixed validity start, so output is reproducible. */
    static final Instant NOT_BEFORE = Instant.parse("2025-01-01T00:00:00Z");
    /** RFC 5280 §4.1.2.5 "no well-defined expiration"; rotate by changing the seed. */
    static final Instant NOT_AFTER = Instant.parse("9999-12-31T23:59:59Z");

    private static final X9ECParameters P256 = CustomNamedCurves.getByName("P-256");
    private static final ECNamedDomainParameters DOMAIN = new ECNamedDomainParameters(
            SECObjectIdentifiers.secp256r1, P256);

    private final String caCertificatePem;
    private final Map<String, ServerCertificate> servers;

    /** A server's certificate and PKCS#8 private key, both PEM. */
    public record ServerCertificate(String certificatePem, String privateKeyPem) {
        @Override
        public String toString() {
            return "ServerCertificate[key hidden]";
        }
    }

    private DatabaseCertificates(String caCertificatePem, Map<String, ServerCertificate> servers) {
        this.caCertificatePem = caCertificatePem;
        this.servers = servers;
    }

    /**
     * Derives the CA and one server certificate per region from {@code seed}.
     *
     * @param seed    secret input; the same seed always yields the same bytes
     * @param name    the deployment's name, in the CA subject (tells CAs of two stacks apart)
     * @param regions the regions that get a server certificate
     */
    public static DatabaseCertificates derive(String seed, String name, List<String> regions) {
        if (seed == null || seed.isEmpty()) {
            throw new IllegalArgumentException("tlsSeed: empty; give a secret of at least 16 characters");
        }
        ECPrivateKeyParameters caKey = privateKey(seed, "ca-key");
        X500Name caName = new X500Name("CN=shopdr database CA " + escape(name) + ",O=shopdr");
        try {
            BcX509ExtensionUtils ext = new BcX509ExtensionUtils();
            SubjectPublicKeyInfo caSpki = SubjectPublicKeyInfoFactory.createSubjectPublicKeyInfo(publicKey(caKey));
            X509CertificateHolder ca = new X509v3CertificateBuilder(caName, serial(seed, "ca"),
                    Date.from(NOT_BEFORE), Date.from(NOT_AFTER), caName, caSpki)
                    .addExtension(Extension.basicConstraints, true, new BasicConstraints(0))
                    .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign))
                    .addExtension(Extension.subjectKeyIdentifier, false, ext.createSubjectKeyIdentifier(caSpki))
                    .build(new DeterministicEcdsaSigner(caKey));
            Map<String, ServerCertificate> servers = new LinkedHashMap<>();
            for (String region : regions) {
                ECPrivateKeyParameters key = privateKey(seed, "server-key|" + region);
                SubjectPublicKeyInfo spki = SubjectPublicKeyInfoFactory.createSubjectPublicKeyInfo(publicKey(key));
                X509CertificateHolder cert = new X509v3CertificateBuilder(caName, serial(seed, "server|" + region),
                        Date.from(NOT_BEFORE), Date.from(NOT_AFTER),
                        new X500Name("CN=" + serverName(region) + ",O=shopdr"), spki)
                        .addExtension(Extension.basicConstraints, true, new BasicConstraints(false))
                        .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature))
                        .addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(
                                new KeyPurposeId[] {KeyPurposeId.id_kp_serverAuth, KeyPurposeId.id_kp_clientAuth}))
                        .addExtension(Extension.subjectAlternativeName, false,
                                new GeneralNames(new GeneralName(GeneralName.dNSName, serverName(region))))
                        .addExtension(Extension.authorityKeyIdentifier, false, ext.createAuthorityKeyIdentifier(caSpki))
                        .build(new DeterministicEcdsaSigner(caKey));
                servers.put(region, new ServerCertificate(pem("CERTIFICATE", cert.getEncoded()),
                        pem("PRIVATE KEY", PrivateKeyInfoFactory.createPrivateKeyInfo(key).getEncoded())));
            }
            return new DatabaseCertificates(pem("CERTIFICATE", ca.getEncoded()), Map.copyOf(servers));
        } catch (IOException e) {
            throw new UncheckedIOException("encoding the database TLS certificates failed", e);
        }
    }

    /** The DNS name in a region's server certificate, e.g. {@code db-us-east.shopdr.internal}. */
    public static String serverName(String region) {
        return "db-" + region + ".shopdr.internal";
    }

    /** The CA certificate (PEM); clients verify the servers' certificates with it. */
    public String caCertificatePem() {
        return caCertificatePem;
    }

    /** The server certificate and key of {@code region}. */
    public ServerCertificate server(String region) {
        ServerCertificate s = servers.get(region);
        if (s == null) {
            throw new IllegalArgumentException("no server certificate for region " + region);
        }
        return s;
    }

    @Override
    public String toString() {
        return "DatabaseCertificates[regions=" + servers.keySet() + ", keys hidden]";
    }

    private static String escape(String name) {
        return name.replaceAll("[^A-Za-z0-9 ._-]", "_");
    }

    private static byte[] hmac(String seed, String purpose) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(seed.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return mac.doFinal(("shopdr-db-tls|" + purpose).getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }

    private static ECPrivateKeyParameters privateKey(String seed, String purpose) {
        BigInteger n = DOMAIN.getN();
        // 256 bits reduced into [1, n-1]; the bias is about 2^-32 for P-256, irrelevant here.
        BigInteger d = new BigInteger(1, hmac(seed, purpose)).mod(n.subtract(BigInteger.ONE)).add(BigInteger.ONE);
        return new ECPrivateKeyParameters(d, DOMAIN);
    }

    private static ECPublicKeyParameters publicKey(ECPrivateKeyParameters key) {
        return new ECPublicKeyParameters(
                new FixedPointCombMultiplier().multiply(DOMAIN.getG(), key.getD()).normalize(), DOMAIN);
    }

    private static BigInteger serial(String seed, String purpose) {
        byte[] h = hmac(seed, "serial|" + purpose);
        byte[] sixteen = new byte[16];
        System.arraycopy(h, 0, sixteen, 0, 16);
        return new BigInteger(1, sixteen).setBit(120); // positive, fixed length, non-zero
    }

    private static String pem(String type, byte[] der) throws IOException {
        StringWriter out = new StringWriter();
        try (PemWriter w = new PemWriter(out)) {
            w.writeObject(new PemObject(type, der));
        }
        return out.toString().replace("\r\n", "\n");
    }

    /** SHA256withECDSA with RFC 6979 nonces: same key + same data = same signature. */
    private static final class DeterministicEcdsaSigner implements ContentSigner {
        private static final AlgorithmIdentifier ALGORITHM =
                new DefaultSignatureAlgorithmIdentifierFinder().find("SHA256withECDSA");
        private final ECPrivateKeyParameters key;
        private final ByteArrayOutputStream data = new ByteArrayOutputStream();

        DeterministicEcdsaSigner(ECPrivateKeyParameters key) {
            this.key = key;
        }

        @Override
        public AlgorithmIdentifier getAlgorithmIdentifier() {
            return ALGORITHM;
        }

        @Override
        public OutputStream getOutputStream() {
            return data;
        }

        @Override
        public byte[] getSignature() {
            SHA256Digest digest = new SHA256Digest();
            byte[] bytes = data.toByteArray();
            digest.update(bytes, 0, bytes.length);
            byte[] hash = new byte[digest.getDigestSize()];
            digest.doFinal(hash, 0);
            ECDSASigner signer = new ECDSASigner(new HMacDSAKCalculator(new SHA256Digest()));
            signer.init(true, key);
            BigInteger[] rs = signer.generateSignature(hash);
            try {
                return StandardDSAEncoding.INSTANCE.encode(DOMAIN.getN(), rs[0], rs[1]);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
