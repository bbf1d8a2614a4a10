package io.parley.internal.tls;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.KeyStoreException;
import java.security.UnrecoverableKeyException;

/** Opens key and trust store files, with errors that name the file and the likely fix. */
final class StoreFiles {
    private StoreFiles() {
    }

    /**
     * Reads a PKCS12 or JKS file (the JDK tells them apart by content).
     *
     * @param what {@code "key store"} or {@code "trust store"}, for messages
     */
    static KeyStore load(Path path, char[] password, String what) {
        checkReadable(path, what);
        try {
            return KeyStore.getInstance(path.toFile(), password);
        } catch (IOException e) {
            if (e.getCause() instanceof UnrecoverableKeyException) {
                throw TlsProblem.invalid("wrong password for " + what + " " + path + " (or the file is damaged): "
                        + "check the password given to TlsConfig", e);
            }
            throw TlsProblem.invalid("cannot read " + what + " " + path + ": " + e.getMessage()
                    + " (expected: a PKCS12 or JKS file)", e);
        } catch (KeyStoreException e) {
            throw TlsProblem.invalid(what + " " + path + " is not a PKCS12 or JKS file this JDK can read ("
                    + e.getMessage() + "); for PEM files use the TlsConfig methods that take PEM", e);
        } catch (GeneralSecurityException e) {
            throw TlsProblem.invalid("cannot read " + what + " " + path + ": " + e.getMessage(), e);
        }
    }

    /** Fails unless {@code path} is a regular file this process may read. */
    static void checkReadable(Path path, String what) {
        if (!Files.exists(path)) {
            throw TlsProblem.invalid(what + " " + path.toAbsolutePath() + " does not exist: check the path");
        }
        if (!Files.isRegularFile(path)) {
            throw TlsProblem.invalid(what + " " + path.toAbsolutePath() + " is not a file");
        }
        if (!Files.isReadable(path)) {
            throw TlsProblem.invalid(what + " " + path.toAbsolutePath() + " cannot be read by this process: check "
                    + "its owner and permissions");
        }
    }
}
