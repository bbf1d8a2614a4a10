package io.parley.transport.netty;

import io.netty.pkitesting.CertificateBuilder;
import io.netty.pkitesting.X509Bundle;
import io.parley.TlsConfig;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * Certificates made at test time (EC P-256, fast to generate): a test CA and what it issues, another CA that nobody
 * trusts, and helpers that write them as PKCS12 or PEM files into a test's directory and build {@link TlsConfig}s.
 */
final class TestPki {
    static final char[] PASSWORD = "changeit".toCharArray();

    final X509Bundle ca;
    /** For 127.0.0.1 and localhost, usable as server and as client certificate. */
    final X509Bundle server;
    /** A client certificate, {@code CN=orders-client,O=Parley Tests}. */
    final X509Bundle client;
    /** A server certificate for other.example only: hostname verification fails for 127.0.0.1. */
    final X509Bundle otherHost;
    /** A CA no configuration trusts, and a server certificate it issued. */
    final X509Bundle strangerCa;
    final X509Bundle strangerServer;
    /** Expired yesterday. */
    final X509Bundle expired;

    private TestPki() throws Exception {
        ca = new CertificateBuilder().subject("CN=Parley Test CA").setIsCertificateAuthority(true).ecp256()
                .buildSelfSigned();
        server = serverCertificate("CN=orders-server,O=Parley Tests").addSanIpAddress("127.0.0.1")
                .addSanDnsName("localhost").buildIssuedBy(ca);
        client = new CertificateBuilder().subject("CN=orders-client,O=Parley Tests").ecp256()
                .addExtendedKeyUsageClientAuth().buildIssuedBy(ca);
        otherHost = serverCertificate("CN=other").addSanDnsName("other.example").buildIssuedBy(ca);
        strangerCa = new CertificateBuilder().subject("CN=Stranger CA").setIsCertificateAuthority(true).ecp256()
                .buildSelfSigned();
        strangerServer = serverCertificate("CN=stranger").addSanIpAddress("127.0.0.1").buildIssuedBy(strangerCa);
        Instant now = Instant.now();
        expired = serverCertificate("CN=expired").addSanIpAddress("127.0.0.1")
                .notBefore(now.minus(10, ChronoUnit.DAYS)).notAfter(now.minus(1, ChronoUnit.DAYS)).buildIssuedBy(ca);
    }

    static TestPki create() {
        try {
            return new TestPki();
        } catch (Exception e) {
            throw new IllegalStateException("cannot create test certificates", e);
        }
    }

    private static CertificateBuilder serverCertificate(String subject) {
        return new CertificateBuilder().subject(subject).ecp256().addExtendedKeyUsageServerAuth()
                .addExtendedKeyUsageClientAuth();
    }

    // ---- files ----

    /** The bundle's key and chain as a PKCS12 file protected by {@link #PASSWORD}. */
    static Path pkcs12(Path dir, String name, X509Bundle bundle) {
        return store(dir.resolve(name + ".p12"), "PKCS12", bundle);
    }

    /** As {@link #pkcs12}, in the JKS format. */
    static Path jks(Path dir, String name, X509Bundle bundle) {
        return store(dir.resolve(name + ".jks"), "JKS", bundle);
    }

    private static Path store(Path file, String type, X509Bundle bundle) {
        try {
            KeyStore store = bundle.toKeyStore(type, PASSWORD);
            try (OutputStream out = Files.newOutputStream(file)) {
                store.store(out, PASSWORD);
            }
            return file;
        } catch (Exception e) {
            throw new IllegalStateException("cannot write " + file, e);
        }
    }

    /** A PKCS12 trust store holding {@code ca}'s certificate as a trusted entry. */
    static Path trustStore(Path dir, X509Bundle ca) {
        Path file = dir.resolve("trust-" + Math.abs(ca.getCertificate().getSerialNumber().hashCode()) + ".p12");
        try {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            store.setCertificateEntry("ca", ca.getCertificate());
            try (OutputStream out = Files.newOutputStream(file)) {
                store.store(out, PASSWORD);
            }
            return file;
        } catch (Exception e) {
            throw new IllegalStateException("cannot write " + file, e);
        }
    }

    /** The certificate chain (without the root) as PEM. */
    static Path chainPem(Path dir, String name, X509Bundle bundle) {
        return write(dir.resolve(name + "-chain.pem"), bundle.getCertificatePathPEM());
    }

    /** The unencrypted PKCS#8 private key as PEM. */
    static Path keyPem(Path dir, String name, X509Bundle bundle) {
        return write(dir.resolve(name + "-key.pem"), bundle.getPrivateKeyPEM());
    }

    /** The CA's certificate as PEM, for trust. */
    static Path caPem(Path dir, X509Bundle ca) {
        return write(dir.resolve("ca-" + Math.abs(ca.getCertificate().getSerialNumber().hashCode()) + ".pem"),
                ca.getCertificatePEM());
    }

    static Path write(Path file, String text) {
        try {
            return Files.writeString(file, text, StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    // ---- configurations ----

    /** A builder with {@code bundle}'s key (PEM files) and trust in the test CA (PEM). */
    TlsConfig.Builder pem(Path dir, String name, X509Bundle bundle) {
        return TlsConfig.builder().keyPem(chainPem(dir, name, bundle), keyPem(dir, name, bundle))
                .trustPem(caPem(dir, ca));
    }

    /** The server's identity, trusting the test CA. */
    TlsConfig.Builder serverConfig(Path dir) {
        return pem(dir, "server", server);
    }

    /** A client identity, trusting the test CA. */
    TlsConfig.Builder clientConfig(Path dir) {
        return pem(dir, "client", client);
    }

    /** No identity of its own, trusting the test CA. */
    TlsConfig.Builder trustOnly(Path dir) {
        return TlsConfig.builder().trustPem(caPem(dir, ca));
    }
}
