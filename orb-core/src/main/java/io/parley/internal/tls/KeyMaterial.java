package io.parley.internal.tls;

import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.Certificate;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateNotYetValidException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import javax.net.ssl.KeyManagerFactory;

/**
 * This side's certificate chain and private key, from a key store or from PEM files, as a {@link KeyManagerFactory}
 * that offers exactly that one key: a store with several keys must say which ({@code alias}), so that the key a
 * handshake uses is never a guess.
 *
 * @param keyManagers the factory holding the one key
 * @param chain       the certificate chain, this side's certificate first
 * @param source      where it came from, for messages and {@code toString}
 */
public record KeyMaterial(KeyManagerFactory keyManagers, List<X509Certificate> chain, String source) {
    /** Protects the key only inside the in-memory store handed to the factory; never written anywhere. */
    private static final char[] IN_MEMORY_PASSWORD = "parley".toCharArray();
    private static final Map<String, String> PROOF_SIGNATURES = Map.of(
            "RSA", "SHA256withRSA", "EC", "SHA256withECDSA", "EdDSA", "EdDSA", "Ed25519", "Ed25519", "Ed448", "Ed448");

    public KeyMaterial {
        chain = List.copyOf(chain);
    }

    /**
     * The key entry {@code alias} of a PKCS12 or JKS store, or its only key entry when {@code alias} is null. The
     * key is protected by the store's password (as PKCS12 files always are).
     */
    public static KeyMaterial fromKeyStore(Path path, char[] password, String alias) {
        KeyStore store = StoreFiles.load(path, password, "key store");
        String chosen = alias == null ? onlyKeyAlias(store, path) : checkedAlias(store, path, alias);
        String source = "key store " + path + " (entry '" + chosen + "')";
        try {
            Key key = store.getKey(chosen, password);
            Certificate[] certificates = store.getCertificateChain(chosen);
            if (!(key instanceof PrivateKey) || certificates == null || certificates.length == 0) {
                throw TlsProblem.invalid("entry '" + chosen + "' of key store " + path + " has no private key with "
                        + "a certificate chain");
            }
            List<X509Certificate> chain = new ArrayList<>();
            for (Certificate certificate : certificates) {
                chain.add((X509Certificate) certificate);
            }
            return of((PrivateKey) key, chain, source);
        } catch (java.security.UnrecoverableKeyException e) {
            throw TlsProblem.invalid("the private key '" + chosen + "' in key store " + path + " cannot be "
                    + "unlocked with the store's password: give the key the store's password (keytool -keypasswd)", e);
        } catch (GeneralSecurityException e) {
            throw TlsProblem.invalid("cannot read entry '" + chosen + "' of key store " + path + ": " + e.getMessage(),
                    e);
        }
    }

    /** A certificate chain (this side's certificate first) and its unencrypted PKCS#8 private key, as PEM files. */
    public static KeyMaterial fromPem(Path certificateChain, Path privateKey) {
        List<X509Certificate> chain = PemFiles.certificates(certificateChain, "certificate chain");
        PrivateKey key = PemFiles.privateKey(privateKey, chain.get(0).getPublicKey().getAlgorithm());
        String source = "PEM " + certificateChain + " with key " + privateKey;
        checkKeyMatches(key, chain.get(0), source);
        return of(key, chain, source);
    }

    private static KeyMaterial of(PrivateKey key, List<X509Certificate> chain, String source) {
        checkValidity(chain.get(0), source);
        try {
            KeyStore single = KeyStore.getInstance("PKCS12");
            single.load(null, null);
            single.setKeyEntry("key", key, IN_MEMORY_PASSWORD, chain.toArray(new X509Certificate[0]));
            KeyManagerFactory factory = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            factory.init(single, IN_MEMORY_PASSWORD);
            return new KeyMaterial(factory, chain, source);
        } catch (GeneralSecurityException | java.io.IOException e) {
            throw TlsProblem.invalid("cannot use the key of " + source + ": " + e.getMessage(), e);
        }
    }

    private static String onlyKeyAlias(KeyStore store, Path path) {
        List<String> keys = keyAliases(store, path);
        if (keys.isEmpty()) {
            throw TlsProblem.invalid("key store " + path + " holds no private key: it needs this side's certificate "
                    + "with its private key (keytool -genkeypair, or openssl pkcs12 -export); a store of CA "
                    + "certificates only is a trust store (TlsConfig.Builder.trustStore)");
        }
        if (keys.size() > 1) {
            throw TlsProblem.invalid("key store " + path + " holds " + keys.size() + " private keys " + keys
                    + ": name the one to use with TlsConfig.Builder.keyStore(path, password, alias)");
        }
        return keys.get(0);
    }

    private static String checkedAlias(KeyStore store, Path path, String alias) {
        List<String> keys = keyAliases(store, path);
        // Aliases are case-insensitive in JKS and PKCS12 stores; the store's own spelling is used from here on.
        for (String key : keys) {
            if (key.equalsIgnoreCase(alias)) {
                return key;
            }
        }
        throw TlsProblem.invalid("key store " + path + " has no private key named '" + alias + "' (its private "
                + "keys: " + keys + ")");
    }

    private static List<String> keyAliases(KeyStore store, Path path) {
        try {
            List<String> keys = new ArrayList<>();
            for (String alias : Collections.list(store.aliases())) {
                if (store.isKeyEntry(alias)) {
                    keys.add(alias);
                }
            }
            Collections.sort(keys);
            return keys;
        } catch (GeneralSecurityException e) {
            throw TlsProblem.invalid("cannot list the entries of key store " + path + ": " + e.getMessage(), e);
        }
    }

    /** A certificate outside its validity fails every handshake: say so now, with the dates. */
    private static void checkValidity(X509Certificate certificate, String source) {
        try {
            certificate.checkValidity();
        } catch (CertificateExpiredException e) {
            throw TlsProblem.invalid("the certificate '" + certificate.getSubjectX500Principal().getName() + "' of "
                    + source + " expired on " + certificate.getNotAfter().toInstant() + ": renew it", e);
        } catch (CertificateNotYetValidException e) {
            throw TlsProblem.invalid("the certificate '" + certificate.getSubjectX500Principal().getName() + "' of "
                    + source + " is not valid before " + certificate.getNotBefore().toInstant()
                    + ": check this host's clock, or wait until then", e);
        }
    }

    /**
     * Proves with a signature that the key belongs to the certificate: two PEM files are easily mismatched, and a
     * mismatch would otherwise show only as handshake failures on the peer's side.
     */
    private static void checkKeyMatches(PrivateKey key, X509Certificate certificate, String source) {
        String algorithm = PROOF_SIGNATURES.get(key.getAlgorithm());
        if (algorithm == null) {
            return; // an algorithm without a simple proof here (RSASSA-PSS, …): the handshake will tell
        }
        try {
            byte[] data = new byte[32];
            new SecureRandom().nextBytes(data);
            Signature signer = Signature.getInstance(algorithm);
            signer.initSign(key);
            signer.update(data);
            byte[] signature = signer.sign();
            Signature verifier = Signature.getInstance(algorithm);
            verifier.initVerify(certificate.getPublicKey());
            verifier.update(data);
            if (verifier.verify(signature)) {
                return;
            }
        } catch (GeneralSecurityException e) {
            // Keys of different kinds or curves: not a match either.
        }
        throw TlsProblem.invalid("the private key of " + source + " does not belong to the certificate '"
                + certificate.getSubjectX500Principal().getName() + "': give the key file that was generated with "
                + "that certificate");
    }

    @Override
    public String toString() {
        return source + ", " + chain.get(0).getSubjectX500Principal().getName();
    }
}
