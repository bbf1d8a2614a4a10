package io.parley.transport.netty;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.pkitesting.CertificateBuilder;
import io.netty.pkitesting.X509Bundle;
import io.parley.ErrorCode;
import io.parley.OrbException;
import io.parley.TlsConfig;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.Base64;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link TlsConfig} reads key stores and PEM files when built, and every bad file or setting is an
 * INVALID_CONFIGURATION error naming the file and what to do. (Here rather than in orb-core, whose tests have no
 * certificate tooling; the configuration is used by this transport.)
 */
@Timeout(30)
class TlsConfigTest {
    @TempDir
    static Path files;
    private static TestPki pki;

    @BeforeAll
    static void certificates() {
        pki = TestPki.create();
    }

    @Test
    void pemKeyAndCaFilesLoadWithTls13AndHostnameVerificationByDefault() {
        TlsConfig tls = pki.serverConfig(files).build();
        assertTrue(tls.keyManagers().isPresent());
        assertEquals(pki.server.getCertificate(), tls.certificateChain().get(0));
        assertEquals(java.util.List.of("TLSv1.3"), tls.protocols());
        assertEquals(TlsConfig.ClientAuth.NONE, tls.clientAuth());
        assertTrue(tls.hostnameVerification());
        assertFalse(tls.toString().contains(new String(TestPki.PASSWORD)));
    }

    @Test
    void pkcs12AndJksKeyStoresLoadAndTls12CanBeAllowed() {
        TlsConfig pkcs12 = TlsConfig.builder().keyStore(TestPki.pkcs12(files, "server", pki.server), TestPki.PASSWORD)
                .trustStore(TestPki.trustStore(files, pki.ca), TestPki.PASSWORD).allowTls12(true).build();
        assertEquals(pki.server.getCertificate(), pkcs12.certificateChain().get(0));
        assertEquals(java.util.List.of("TLSv1.3", "TLSv1.2"), pkcs12.protocols());

        TlsConfig jks = TlsConfig.builder().keyStore(TestPki.jks(files, "client", pki.client), TestPki.PASSWORD)
                .build();
        assertEquals(pki.client.getCertificate(), jks.certificateChain().get(0));
    }

    @Test
    void keyStoreWithSeveralKeysNeedsTheAliasAndAnUnknownAliasIsNamed() throws Exception {
        Path both = files.resolve("both.p12");
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        store.setKeyEntry("server", pki.server.getKeyPair().getPrivate(), TestPki.PASSWORD,
                pki.server.getCertificatePath());
        store.setKeyEntry("client", pki.client.getKeyPair().getPrivate(), TestPki.PASSWORD,
                pki.client.getCertificatePath());
        try (OutputStream out = Files.newOutputStream(both)) {
            store.store(out, TestPki.PASSWORD);
        }
        assertInvalid(() -> TlsConfig.builder().keyStore(both, TestPki.PASSWORD).build(),
                "holds 2 private keys [client, server]", "keyStore(path, password, alias)");
        assertInvalid(() -> TlsConfig.builder().keyStore(both, TestPki.PASSWORD, "nobody").build(),
                "has no private key named 'nobody'");
        TlsConfig chosen = TlsConfig.builder().keyStore(both, TestPki.PASSWORD, "client").build();
        assertEquals(pki.client.getCertificate(), chosen.certificateChain().get(0));
    }

    @Test
    void missingFileWrongPasswordAndStoreWithoutKeyAreNamed() throws Exception {
        Path missing = files.resolve("missing.p12");
        assertInvalid(() -> TlsConfig.builder().keyStore(missing, TestPki.PASSWORD).build(),
                missing.toString(), "does not exist");
        Path server = TestPki.pkcs12(files, "server", pki.server);
        assertInvalid(() -> TlsConfig.builder().keyStore(server, "wrong".toCharArray()).build(),
                "wrong password for key store " + server);
        Path trustOnly = TestPki.trustStore(files, pki.ca);
        assertInvalid(() -> TlsConfig.builder().keyStore(trustOnly, TestPki.PASSWORD).build(),
                "holds no private key", "trustStore");
        Path notAStore = TestPki.write(files.resolve("not-a-store.p12"), "hello");
        assertInvalid(() -> TlsConfig.builder().trustStore(notAStore, TestPki.PASSWORD).build(),
                notAStore.toString());
        Path keyOnly = files.resolve("key-only.p12");
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        store.setKeyEntry("server", pki.server.getKeyPair().getPrivate(), TestPki.PASSWORD,
                pki.server.getCertificatePath());
        try (OutputStream out = Files.newOutputStream(keyOnly)) {
            store.store(out, TestPki.PASSWORD);
        }
        assertInvalid(() -> TlsConfig.builder().trustStore(keyOnly, TestPki.PASSWORD).build(),
                "no trusted certificate entry");
    }

    @Test
    void unreadablePemFilesAreNamedWithTheFix() {
        Path chain = TestPki.chainPem(files, "server", pki.server);
        Path key = TestPki.keyPem(files, "server", pki.server);
        Path empty = TestPki.write(files.resolve("empty.pem"), "nothing here\n");
        assertInvalid(() -> TlsConfig.builder().keyPem(empty, key).build(), "certificate chain " + empty,
                "BEGIN CERTIFICATE");
        assertInvalid(() -> TlsConfig.builder().keyPem(chain, empty).build(), "private key " + empty,
                "openssl pkcs8 -topk8 -nocrypt");
        Path traditional = TestPki.write(files.resolve("rsa.pem"), "-----BEGIN RSA PRIVATE KEY-----\nAAAA\n"
                + "-----END RSA PRIVATE KEY-----\n");
        assertInvalid(() -> TlsConfig.builder().keyPem(chain, traditional).build(), "PKCS#1", "openssl pkcs8");
        Path encrypted = TestPki.write(files.resolve("encrypted.pem"), "-----BEGIN ENCRYPTED PRIVATE KEY-----\n"
                + "AAAA\n-----END ENCRYPTED PRIVATE KEY-----\n");
        assertInvalid(() -> TlsConfig.builder().keyPem(chain, encrypted).build(), "is encrypted");
        assertInvalid(() -> TlsConfig.builder().trustPem(empty).build(), "CA file " + empty);
    }

    @Test
    void keyOfAnotherCertificateIsRefused() {
        Path chain = TestPki.chainPem(files, "server", pki.server);
        Path otherKey = TestPki.keyPem(files, "client", pki.client);
        assertInvalid(() -> TlsConfig.builder().keyPem(chain, otherKey).build(), "does not belong to the certificate",
                "CN=orders-server");
    }

    @Test
    void keyOfAnotherAlgorithmIsRefused() throws Exception {
        X509Bundle rsa = new CertificateBuilder().subject("CN=rsa").rsa2048()
                .setIsCertificateAuthority(true).buildSelfSigned();
        Path chain = TestPki.chainPem(files, "rsa", rsa);
        Path ecKey = TestPki.keyPem(files, "server", pki.server);
        assertInvalid(() -> TlsConfig.builder().keyPem(chain, ecKey).build(), "not a valid RSA key");
        // And the RSA pair itself loads.
        assertEquals(rsa.getCertificate(),
                TlsConfig.builder().keyPem(chain, TestPki.keyPem(files, "rsa", rsa)).build().certificateChain().get(0));
    }

    @Test
    void expiredCertificateIsRefusedWithItsDate() {
        assertInvalid(() -> pki.pem(files, "expired", pki.expired).build(), "CN=expired", "expired on", "renew it");
    }

    @Test
    void keyStoreAndPemTogetherAreRefused() {
        Path server = TestPki.pkcs12(files, "server", pki.server);
        assertInvalid(() -> pki.serverConfig(files).keyStore(server, TestPki.PASSWORD).build(),
                "both a key store and PEM key files");
    }

    @Test
    void badBase64InsideThePemBlockIsNamed() {
        Path chain = TestPki.chainPem(files, "server", pki.server);
        Path garbage = TestPki.write(files.resolve("garbage-key.pem"), "-----BEGIN PRIVATE KEY-----\n"
                + Base64.getEncoder().encodeToString("not a key".getBytes()) + "\n-----END PRIVATE KEY-----\n");
        assertInvalid(() -> TlsConfig.builder().keyPem(chain, garbage).build(), "private key " + garbage);
    }

    private static void assertInvalid(Executable build, String... fragments) {
        OrbException e = assertThrows(OrbException.class, build);
        assertEquals(ErrorCode.INVALID_CONFIGURATION, e.code());
        for (String fragment : fragments) {
            assertTrue(e.getMessage().contains(fragment), "'" + fragment + "' missing in: " + e.getMessage());
        }
    }
}
