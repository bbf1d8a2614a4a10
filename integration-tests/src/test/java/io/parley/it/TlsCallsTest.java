package io.parley.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.pkitesting.CertificateBuilder;
import io.netty.pkitesting.X509Bundle;
import io.parley.Authenticator;
import io.parley.Completion;
import io.parley.Endpoint;
import io.parley.ErrorCode;
import io.parley.Orb;
import io.parley.OrbException;
import io.parley.RemoteRef;
import io.parley.TlsConfig;
import io.parley.UnavailableException;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Calls between Orbs over TLS, end to end: a server that requires client certificates (mutual TLS, PEM files), and
 * clients with a PKCS12 certificate, without one, and without any TLS configuration. Shared memory is off, so every
 * call crosses TLS. Certificates are created when the test starts.
 */
@Timeout(60)
class TlsCallsTest {
    private static final char[] PASSWORD = "changeit".toCharArray();

    @TempDir
    static Path files;
    private static final List<Orb> orbs = new ArrayList<>();
    private static X509Bundle ca;
    private static Path caPem;
    private static RemoteRef shopRef;

    @BeforeAll
    static void startServer() throws Exception {
        ca = new CertificateBuilder().subject("CN=Parley IT CA").setIsCertificateAuthority(true).ecp256()
                .buildSelfSigned();
        X509Bundle server = new CertificateBuilder().subject("CN=shop-server").ecp256().addSanIpAddress("127.0.0.1")
                .addExtendedKeyUsageServerAuth().buildIssuedBy(ca);
        caPem = write("ca.pem", ca.getCertificatePEM());
        TlsConfig tls = TlsConfig.builder()
                .keyPem(write("server-chain.pem", server.getCertificatePathPEM()),
                        write("server-key.pem", server.getPrivateKeyPEM()))
                .trustPem(caPem)
                .clientAuth(TlsConfig.ClientAuth.REQUIRE)
                .build();
        Orb orb = orb(Orb.builder().name("tls-server").tls(tls));
        shopRef = orb.export(new ShopImpl());
    }

    @AfterAll
    static void closeOrbs() {
        orbs.forEach(Orb::close);
    }

    @Test
    void referenceOfATlsServerIsParleysWithTlsEndpoints() {
        assertTrue(shopRef.toString().startsWith("parleys://127.0.0.1:"), shopRef.toString());
        assertEquals(List.of(Endpoint.TLS), shopRef.endpoints().stream().map(Endpoint::transport).toList());
        assertEquals(shopRef, RemoteRef.parse(shopRef.toString()));
    }

    @Test
    void mutualTlsCallsWorkEndToEnd() throws Exception {
        Orb client = orb(Orb.builder().name("tls-client").tls(TlsConfig.builder()
                .keyStore(clientKeyStore(), PASSWORD).trustPem(caPem).build()));
        Shop shop = client.connect(shopRef.toString(), Shop.class);
        assertEquals(5, shop.add(2, 3));
        assertEquals(new Shop.Order("tea", 2), shop.place(new Shop.Order("tea", 2)));
        assertEquals("hello tls", shop.greetLater("tls", 1).get(10, TimeUnit.SECONDS));
        assertEquals(600L, shop.sum(List.of(100L, 200L, 300L)));
    }

    @Test
    void clientWithoutCertificateIsRefusedWithCompletionNoAndTheServerServesOthers() throws Exception {
        Orb noCertificate = orb(Orb.builder().name("tls-anonymous").tls(TlsConfig.builder().trustPem(caPem).build()));
        Shop shop = noCertificate.connect(shopRef, Shop.class);
        UnavailableException e = assertThrows(UnavailableException.class, () -> shop.add(1, 1));
        assertEquals(Completion.NO, e.completion(), e.getMessage());
        assertTrue(e.getMessage().contains("requires a client certificate"), e.getMessage());

        Orb client = orb(Orb.builder().name("tls-client-2").tls(TlsConfig.builder()
                .keyStore(clientKeyStore(), PASSWORD).trustPem(caPem).build()));
        assertEquals(7, client.connect(shopRef, Shop.class).add(3, 4));
    }

    @Test
    void theClientCertificateSubjectIdentifiesTheCallerToAnAuthenticator() throws Exception {
        X509Bundle vaultServer = new CertificateBuilder().subject("CN=vault-server").ecp256()
                .addSanIpAddress("127.0.0.1").addExtendedKeyUsageServerAuth().buildIssuedBy(ca);
        Orb server = orb(Orb.builder().name("tls-vault").tls(TlsConfig.builder()
                        .keyPem(write("vault-chain.pem", vaultServer.getCertificatePathPEM()),
                                write("vault-key.pem", vaultServer.getPrivateKeyPEM()))
                        .trustPem(caPem).clientAuth(TlsConfig.ClientAuth.OPTIONAL).build())
                .authenticator(Authenticator.certificateSubject(subject -> subject.equals("CN=shop-client")
                        ? Set.of("auditor") : Set.of())));
        RemoteRef vault = server.export(new VaultImpl());
        Orb client = orb(Orb.builder().name("tls-auditor").tls(TlsConfig.builder()
                .keyStore(clientKeyStore(), PASSWORD).trustPem(caPem).build()));
        assertEquals("tls:CN=shop-client [auditor]", client.connect(vault, Vault.class).whoAmI());
        assertEquals("the secret", client.connect(vault, Vault.class).secret());

        Orb anonymous = orb(Orb.builder().name("tls-no-certificate").tls(TlsConfig.builder().trustPem(caPem).build()));
        OrbException refused = assertThrows(OrbException.class, () -> anonymous.connect(vault, Vault.class).whoAmI());
        assertEquals(ErrorCode.UNAUTHORIZED, refused.code(), "TLS without a client certificate proves nobody");
    }

    @Test
    void orbWithoutTlsConfigChecksTheServerAgainstTheJdkTrustStore() {
        Orb plain = orb(Orb.builder().name("plain-client"));
        Shop shop = plain.connect(shopRef.toString(), Shop.class);
        UnavailableException e = assertThrows(UnavailableException.class, () -> shop.add(1, 1));
        assertEquals(Completion.NO, e.completion());
        assertTrue(e.getMessage().contains("the server's certificate is not trusted"), e.getMessage());
    }

    @Test
    void tlsOrbWithoutCertificateCannotServe() {
        Orb orb = orb(Orb.builder().name("tls-no-key").tls(TlsConfig.builder().trustPem(caPem).build()));
        OrbException e = assertThrows(OrbException.class, () -> orb.export(new ShopImpl()));
        assertEquals(ErrorCode.INVALID_CONFIGURATION, e.code());
        assertTrue(e.getMessage().contains("keyStore or keyPem"), e.getMessage());
    }

    private static Path clientKeyStore() throws Exception {
        Path file = files.resolve("client.p12");
        if (!Files.exists(file)) {
            X509Bundle client = new CertificateBuilder().subject("CN=shop-client").ecp256()
                    .addExtendedKeyUsageClientAuth().buildIssuedBy(ca);
            KeyStore store = client.toKeyStore(PASSWORD);
            try (OutputStream out = Files.newOutputStream(file)) {
                store.store(out, PASSWORD);
            }
        }
        return file;
    }

    private static Orb orb(Orb.Builder builder) {
        Orb orb = builder.sharedMemory(false).build();
        orbs.add(orb);
        return orb;
    }

    private static Path write(String name, String text) throws IOException {
        return Files.writeString(files.resolve(name), text, StandardCharsets.US_ASCII);
    }
}
