package io.parley;

import io.parley.internal.tls.KeyMaterial;
import io.parley.internal.tls.TrustMaterial;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.TrustManagerFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * TLS for an Orb's TCP connections ({@link Orb.Builder#tls}): this side's certificate and private key, the
 * certificates it trusts, the protocol versions, and whether a server asks clients for certificates (mutual TLS).
 * Immutable and thread-safe; {@link Builder#build()} reads every file at once, so a bad path, password or key is an
 * error then, not at the first connection.
 *
 * <pre>{@code
 * TlsConfig tls = TlsConfig.builder()
 *         .keyStore(Path.of("/etc/orders/orders.p12"), password)      // or keyPem(chain.pem, key.pem)
 *         .trustPem(Path.of("/etc/orders/ca.pem"))                   // default: the JDK's trust store
 *         .clientAuth(TlsConfig.ClientAuth.REQUIRE)                  // mutual TLS
 *         .build();
 * Orb orb = Orb.builder().host("0.0.0.0").advertisedHost("orders.example.com").tls(tls).build();
 * }</pre>
 *
 * <p>One configuration serves both roles. As a server the Orb presents its certificate and, with client
 * authentication on, checks the client's against the trust material. As a client it checks the server's certificate
 * against the trust material and the endpoint's host name, and presents its own certificate when it has one.
 * Defaults: TLS 1.3 only, no client authentication, hostname verification on, the JDK's default trust store.
 */
public final class TlsConfig {
    private static final Logger log = LoggerFactory.getLogger(TlsConfig.class);

    /** TLS 1.3, the default and preferred version. */
    public static final String TLS_1_3 = "TLSv1.3";
    /** TLS 1.2, allowed with {@link Builder#allowTls12}. */
    public static final String TLS_1_2 = "TLSv1.2";

    /** Whether a server asks connecting clients for a certificate. */
    public enum ClientAuth {
        /** Clients are not asked for a certificate: the default. */
        NONE,
        /** Clients are asked; one that sends a certificate must send a trusted one, one that sends none is served. */
        OPTIONAL,
        /** Clients must present a certificate that the trust material validates (mutual TLS). */
        REQUIRE
    }

    private final KeyMaterial key; // null: no certificate of its own
    private final TrustMaterial trust;
    private final List<String> protocols;
    private final ClientAuth clientAuth;
    private final boolean hostnameVerification;

    private TlsConfig(KeyMaterial key, TrustMaterial trust, List<String> protocols, ClientAuth clientAuth,
            boolean hostnameVerification) {
        this.key = key;
        this.trust = trust;
        this.protocols = protocols;
        this.clientAuth = clientAuth;
        this.hostnameVerification = hostnameVerification;
    }

    /** A builder: TLS 1.3, JDK trust store, no client authentication, hostname verification on, no certificate. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * This side's certificate and key, offered to peers; empty when none was configured (then the Orb can call TLS
     * servers that do not require client certificates, but cannot serve TLS).
     */
    public Optional<KeyManagerFactory> keyManagers() {
        return key == null ? Optional.empty() : Optional.of(key.keyManagers());
    }

    /** This side's certificate chain, its own certificate first; empty without key material. */
    public List<X509Certificate> certificateChain() {
        return key == null ? List.of() : key.chain();
    }

    /** The certificates trusted to have issued peers' certificates. */
    public TrustManagerFactory trustManagers() {
        return trust.trustManagers();
    }

    /** The protocol versions allowed, preferred first: {@code [TLSv1.3]}, or {@code [TLSv1.3, TLSv1.2]}. */
    public List<String> protocols() {
        return protocols;
    }

    /** Whether a server asks clients for certificates. */
    public ClientAuth clientAuth() {
        return clientAuth;
    }

    /** Whether a client checks that the server's certificate names the host it connects to; on by default. */
    public boolean hostnameVerification() {
        return hostnameVerification;
    }

    /** Where the material came from and the settings; never a password or key. */
    @Override
    public String toString() {
        return "TlsConfig[certificate: " + (key == null ? "none" : key) + "; trust: " + trust + "; protocols: "
                + protocols + "; clientAuth: " + clientAuth + "; hostnameVerification: "
                + (hostnameVerification ? "on" : "OFF") + "]";
    }

    /** Collects the settings; {@link #build()} reads the files. Not thread-safe. */
    public static final class Builder {
        private Path keyStore;
        private char[] keyStorePassword;
        private String keyAlias;
        private Path certificateChainPem;
        private Path privateKeyPem;
        private Path trustStore;
        private char[] trustStorePassword;
        private Path trustPem;
        private boolean allowTls12;
        private ClientAuth clientAuth = ClientAuth.NONE;
        private boolean hostnameVerification = true;

        private Builder() {
        }

        /**
         * This side's certificate and private key from a PKCS12 or JKS key store holding exactly one private key.
         * The key's password must be the store's (as in every PKCS12 file).
         */
        public Builder keyStore(Path path, char[] password) {
            return keyStore(path, password, null);
        }

        /** As {@link #keyStore(Path, char[])}, using the key entry named {@code alias} ({@code null}: the only one). */
        public Builder keyStore(Path path, char[] password, String alias) {
            this.keyStore = Objects.requireNonNull(path, "path");
            this.keyStorePassword = Objects.requireNonNull(password, "password").clone();
            this.keyAlias = alias;
            return this;
        }

        /**
         * This side's certificate and private key from PEM files: {@code certificateChain} holds this side's
         * certificate first, then any intermediate CA certificates; {@code privateKey} the unencrypted PKCS#8 key
         * ({@code -----BEGIN PRIVATE KEY-----}). Keep the key file readable by this user only.
         */
        public Builder keyPem(Path certificateChain, Path privateKey) {
            this.certificateChainPem = Objects.requireNonNull(certificateChain, "certificateChain");
            this.privateKeyPem = Objects.requireNonNull(privateKey, "privateKey");
            return this;
        }

        /** Trust the certificates of a PKCS12 or JKS trust store, instead of the JDK's default trust store. */
        public Builder trustStore(Path path, char[] password) {
            this.trustStore = Objects.requireNonNull(path, "path");
            this.trustStorePassword = Objects.requireNonNull(password, "password").clone();
            return this;
        }

        /** Trust the CA certificates of a PEM file, instead of the JDK's default trust store. */
        public Builder trustPem(Path caCertificates) {
            this.trustPem = Objects.requireNonNull(caCertificates, "caCertificates");
            return this;
        }

        /**
         * Whether TLS 1.2 is allowed besides TLS 1.3 (default {@code false}), for peers that cannot do 1.3. Both
         * sides of a connection must allow it for it to be used.
         */
        public Builder allowTls12(boolean allow) {
            this.allowTls12 = allow;
            return this;
        }

        /** Whether the server asks clients for certificates; default {@link ClientAuth#NONE}. */
        public Builder clientAuth(ClientAuth clientAuth) {
            this.clientAuth = Objects.requireNonNull(clientAuth, "clientAuth");
            return this;
        }

        /**
         * Whether a client checks that the server's certificate was issued for the host of the endpoint it connects
         * to (its subject alternative names), as HTTPS does; default {@code true}.
         *
         * <p><b>Warning: {@code false} removes the protection against a man in the middle.</b> Any certificate that
         * the trust material accepts is then taken for any server: with the JDK's default trust store, that is a
         * certificate anyone can buy for their own domain. Switch it off only with a private CA that issues
         * certificates to nothing but the servers this Orb may call, and prefer fixing the certificate (or the host
         * name the server advertises) instead. A warning is logged when it is off.
         */
        public Builder hostnameVerification(boolean verify) {
            this.hostnameVerification = verify;
            return this;
        }

        /**
         * Reads the key and trust material and checks the settings.
         *
         * @throws OrbException ({@link ErrorCode#INVALID_CONFIGURATION}) naming the file and what is wrong with it: a
         *                      missing or unreadable file, a wrong password, no or several keys in a key store, a
         *                      PEM file that holds no certificate or no PKCS#8 key, a key that does not belong to its
         *                      certificate, a certificate outside its validity period, or both a key store and PEM
         *                      key files
         */
        public TlsConfig build() {
            if (keyStore != null && certificateChainPem != null) {
                throw invalid("both a key store and PEM key files are set; use one of them");
            }
            if (trustStore != null && trustPem != null) {
                throw invalid("both a trust store and a PEM CA file are set; use one of them");
            }
            KeyMaterial key = null;
            if (keyStore != null) {
                key = KeyMaterial.fromKeyStore(keyStore, keyStorePassword, keyAlias);
            } else if (certificateChainPem != null) {
                key = KeyMaterial.fromPem(certificateChainPem, privateKeyPem);
            }
            TrustMaterial trust = trustStore != null ? TrustMaterial.fromTrustStore(trustStore, trustStorePassword)
                    : trustPem != null ? TrustMaterial.fromPem(trustPem) : TrustMaterial.jdkDefault();
            if (!hostnameVerification) {
                log.warn("TLS hostname verification is OFF: this Orb accepts any certificate issued by {} for any "
                        + "server it calls, so a holder of such a certificate can impersonate its servers", trust);
            }
            List<String> protocols = allowTls12 ? List.of(TLS_1_3, TLS_1_2) : List.of(TLS_1_3);
            return new TlsConfig(key, trust, protocols, clientAuth, hostnameVerification);
        }

        private static OrbException invalid(String message) {
            return new OrbException(ErrorCode.INVALID_CONFIGURATION, Completion.NO, "TLS configuration: " + message);
        }
    }
}
