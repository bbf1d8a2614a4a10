package io.parley.internal.tls;

import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.Collections;
import java.util.List;
import javax.net.ssl.TrustManagerFactory;

/**
 * The certificates this side trusts to have issued its peers' certificates: a trust store, a PEM file of CA
 * certificates, or the JDK's default trust store ({@code cacerts}, or the {@code javax.net.ssl.trustStore} system
 * property), as a {@link TrustManagerFactory}.
 *
 * @param trustManagers the factory
 * @param source        where the certificates came from, for messages and {@code toString}
 */
public record TrustMaterial(TrustManagerFactory trustManagers, String source) {

    /** The JDK's default trust store, as HTTPS clients use it. */
    public static TrustMaterial jdkDefault() {
        return of(null, "the JDK's default trust store");
    }

    /** The trusted certificates of a PKCS12 or JKS store. */
    public static TrustMaterial fromTrustStore(Path path, char[] password) {
        KeyStore store = StoreFiles.load(path, password, "trust store");
        try {
            if (store.size() == 0) {
                throw TlsProblem.invalid("trust store " + path + " is empty: add the CA certificates to trust "
                        + "(keytool -importcert)");
            }
            boolean anyCertificate = false;
            for (String alias : Collections.list(store.aliases())) {
                anyCertificate |= store.isCertificateEntry(alias);
            }
            if (!anyCertificate) {
                throw TlsProblem.invalid("trust store " + path + " holds private keys but no trusted certificate "
                        + "entry: add the CA certificates to trust (keytool -importcert), or use it as a key store");
            }
        } catch (GeneralSecurityException e) {
            throw TlsProblem.invalid("cannot read trust store " + path + ": " + e.getMessage(), e);
        }
        return of(store, "trust store " + path);
    }

    /** The certificates of a PEM file, each trusted as a certificate authority. */
    public static TrustMaterial fromPem(Path caCertificates) {
        List<X509Certificate> certificates = PemFiles.certificates(caCertificates, "CA file");
        try {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            for (int i = 0; i < certificates.size(); i++) {
                store.setCertificateEntry("ca-" + i, certificates.get(i));
            }
            return of(store, "PEM " + caCertificates);
        } catch (GeneralSecurityException | java.io.IOException e) {
            throw TlsProblem.invalid("cannot use the certificates of " + caCertificates + ": " + e.getMessage(), e);
        }
    }

    private static TrustMaterial of(KeyStore store, String source) {
        try {
            TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            factory.init(store);
            return new TrustMaterial(factory, source);
        } catch (GeneralSecurityException e) {
            throw TlsProblem.invalid("cannot use " + source + ": " + e.getMessage(), e);
        }
    }

    @Override
    public String toString() {
        return source;
    }
}
