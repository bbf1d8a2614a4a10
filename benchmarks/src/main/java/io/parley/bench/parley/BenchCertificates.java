package io.parley.bench.parley;

import io.netty.pkitesting.CertificateBuilder;
import io.netty.pkitesting.X509Bundle;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The certificates of the {@code parley-tls} system, made when it starts: a CA, and a server certificate it issued
 * for 127.0.0.1 (EC P-256, as a modern deployment would use), written as PEM files into a private temporary
 * directory that {@link #delete} removes.
 *
 * @param directory       the temporary directory
 * @param caCertificate   the CA certificate, which the client trusts
 * @param serverChain     the server's certificate chain
 * @param serverKey       the server's PKCS#8 private key
 */
record BenchCertificates(Path directory, Path caCertificate, Path serverChain, Path serverKey) {

    static BenchCertificates create() throws Exception {
        X509Bundle ca = new CertificateBuilder().subject("CN=Parley Bench CA").setIsCertificateAuthority(true)
                .ecp256().buildSelfSigned();
        X509Bundle server = new CertificateBuilder().subject("CN=bench-server").ecp256()
                .addSanIpAddress("127.0.0.1").addExtendedKeyUsageServerAuth().buildIssuedBy(ca);
        Path directory = Files.createTempDirectory("parley-bench-tls");
        return new BenchCertificates(directory, write(directory, "ca.pem", ca.getCertificatePEM()),
                write(directory, "server-chain.pem", server.getCertificatePathPEM()),
                write(directory, "server-key.pem", server.getPrivateKeyPEM()));
    }

    private static Path write(Path directory, String name, String pem) throws IOException {
        return Files.writeString(directory.resolve(name), pem, StandardCharsets.US_ASCII);
    }

    void delete() {
        try {
            for (Path file : List.of(caCertificate, serverChain, serverKey, directory)) {
                Files.deleteIfExists(file);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete the benchmark's certificates in " + directory, e);
        }
    }
}
