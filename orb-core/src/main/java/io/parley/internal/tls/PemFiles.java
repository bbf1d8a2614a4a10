package io.parley.internal.tls;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * Reads PEM files: certificates ({@code -----BEGIN CERTIFICATE-----} blocks, in file order) and unencrypted PKCS#8
 * private keys ({@code -----BEGIN PRIVATE KEY-----}), the forms {@code openssl} and most certificate tools write.
 */
final class PemFiles {
    private static final String KEY_BEGIN = "-----BEGIN PRIVATE KEY-----";
    private static final String KEY_END = "-----END PRIVATE KEY-----";
    private static final String CONVERT = "convert it to unencrypted PKCS#8 with "
            + "'openssl pkcs8 -topk8 -nocrypt -in key.pem -out key-pkcs8.pem' (and keep that file readable by this "
            + "user only), or use a PKCS12 key store";

    private PemFiles() {
    }

    /**
     * The certificates of a PEM file, in order.
     *
     * @param what what the file is, for messages ({@code "certificate chain"}, {@code "CA file"})
     */
    static List<X509Certificate> certificates(Path path, String what) {
        byte[] bytes = read(path, what);
        List<X509Certificate> result = new ArrayList<>();
        try {
            for (Certificate certificate : CertificateFactory.getInstance("X.509")
                    .generateCertificates(new ByteArrayInputStream(bytes))) {
                result.add((X509Certificate) certificate);
            }
        } catch (CertificateException e) {
            throw TlsProblem.invalid(what + " " + path + " is not readable as PEM certificates (" + e.getMessage()
                    + "); expected one or more '-----BEGIN CERTIFICATE-----' blocks", e);
        }
        if (result.isEmpty()) {
            throw TlsProblem.invalid(what + " " + path + " holds no certificate; expected one or more "
                    + "'-----BEGIN CERTIFICATE-----' blocks");
        }
        return result;
    }

    /** The unencrypted PKCS#8 private key of a PEM file, for a public key of {@code algorithm} ("RSA", "EC", …). */
    static PrivateKey privateKey(Path path, String algorithm) {
        String text = new String(read(path, "private key"), StandardCharsets.ISO_8859_1);
        if (text.contains("-----BEGIN ENCRYPTED PRIVATE KEY-----")) {
            throw TlsProblem.invalid("private key " + path + " is encrypted, which is not supported: " + CONVERT);
        }
        if (text.contains("-----BEGIN RSA PRIVATE KEY-----") || text.contains("-----BEGIN EC PRIVATE KEY-----")) {
            throw TlsProblem.invalid("private key " + path + " is in the traditional (PKCS#1 / SEC1) form: " + CONVERT);
        }
        int begin = text.indexOf(KEY_BEGIN);
        int end = text.indexOf(KEY_END, Math.max(begin, 0));
        if (begin < 0 || end < 0) {
            throw TlsProblem.invalid("private key " + path + " holds no '" + KEY_BEGIN + "' block; expected an "
                    + "unencrypted PKCS#8 key (" + CONVERT + ")");
        }
        byte[] der;
        try {
            der = Base64.getMimeDecoder().decode(text.substring(begin + KEY_BEGIN.length(), end));
        } catch (IllegalArgumentException e) {
            throw TlsProblem.invalid("private key " + path + " is not valid base64 inside its PEM block", e);
        }
        try {
            return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(der));
        } catch (GeneralSecurityException e) {
            throw TlsProblem.invalid("private key " + path + " is not a valid " + algorithm + " key, as the "
                    + "certificate's public key is (" + e.getMessage() + "): check that the key and the certificate "
                    + "belong together", e);
        }
    }

    private static byte[] read(Path path, String what) {
        StoreFiles.checkReadable(path, what);
        try {
            return Files.readAllBytes(path);
        } catch (IOException e) {
            throw TlsProblem.invalid("cannot read " + what + " " + path + ": " + e, e);
        }
    }
}
