package io.shopdr.agent.health;

import java.net.Socket;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertificateException;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;
import javax.net.ssl.X509TrustManager;

/**
 * Verifies a region's TLS certificate against the shop's domain instead of the IP the probe connects to: the chain
 * must be trusted by the given CAs and a DNS name of the leaf certificate must match the domain (wildcards in the
 * left-most label allowed). Without it, probing {@code https://<ingress-ip>} would either fail or skip verification.
 */
final class DomainTrustManager extends X509ExtendedTrustManager {
    private final X509TrustManager delegate;
    private final String domain;

    private DomainTrustManager(X509TrustManager delegate, String domain) {
        this.delegate = delegate;
        this.domain = domain.toLowerCase(Locale.ROOT);
    }

    static SSLContext sslContext(String domain, TrustManagerFactory trust) {
        try {
            TrustManagerFactory tmf = trust;
            if (tmf == null) {
                tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
                tmf.init((KeyStore) null);
            }
            X509TrustManager x509 = null;
            for (TrustManager tm : tmf.getTrustManagers()) if (tm instanceof X509TrustManager x) x509 = x;
            if (x509 == null) throw new IllegalStateException("no X.509 trust manager available");
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(null, new TrustManager[] {new DomainTrustManager(x509, domain)}, null);
            return ctx;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot set up TLS for health probes: " + e.getMessage(), e);
        }
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        delegate.checkServerTrusted(chain, authType);
        if (!matches(chain[0])) {
            throw new CertificateException("certificate does not cover " + domain + " (names: " + names(chain[0]) + ")");
        }
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
        checkServerTrusted(chain, authType);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
        checkServerTrusted(chain, authType);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        throw new CertificateException("health probes do not accept client connections");
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
        checkClientTrusted(chain, authType);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
        checkClientTrusted(chain, authType);
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
        return delegate.getAcceptedIssuers();
    }

    private boolean matches(X509Certificate cert) throws CertificateParsingException {
        for (String name : names(cert)) {
            String n = name.toLowerCase(Locale.ROOT);
            if (n.equals(domain)) return true;
            if (n.startsWith("*.") && domain.indexOf('.') > 0 && domain.substring(domain.indexOf('.')).equals(n.substring(1))) {
                return true;
            }
        }
        return false;
    }

    private static List<String> names(X509Certificate cert) throws CertificateParsingException {
        List<String> out = new ArrayList<>();
        Collection<List<?>> sans = cert.getSubjectAlternativeNames();
        if (sans != null) for (List<?> san : sans) if (Integer.valueOf(2).equals(san.get(0))) out.add((String) san.get(1));
        return out;
    }
}
