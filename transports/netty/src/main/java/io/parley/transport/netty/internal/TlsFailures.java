package io.parley.transport.netty.internal;

import io.netty.handler.ssl.NotSslRecordException;
import io.netty.handler.ssl.SslHandshakeTimeoutException;
import java.nio.channels.ClosedChannelException;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateNotYetValidException;
import java.util.List;
import java.util.Locale;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLHandshakeException;

/**
 * Turns the JDK's TLS exceptions into what happened and what to do, from the point of view of one side of the
 * connection. The JDK's messages are precise but cryptic ("PKIX path building failed", "Received fatal alert:
 * certificate_required"); the user needs to know which certificate, trust store or setting to change.
 */
final class TlsFailures {
    private TlsFailures() {
    }

    /** Whether {@code failure} came from TLS: a handshake, a record, or a peer that does not speak TLS. */
    static boolean isTls(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof SSLException || t instanceof NotSslRecordException) {
                return true;
            }
        }
        return false;
    }

    /**
     * Whether the peer refused the handshake: nothing sent on the connection was processed by it. In TLS 1.3 a
     * server checks the client's certificate after the client has finished its part of the handshake, so the
     * client learns of the refusal (a handshake alert) only when it reads, possibly after it has sent a call.
     */
    static boolean isHandshakeRefusal(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof SSLHandshakeException) {
                return true;
            }
        }
        return false;
    }

    /** Whether the connection merely closed before the handshake ended: no TLS problem to report loudly. */
    static boolean isClosedEarly(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof ClosedChannelException) {
                return true;
            }
        }
        String message = messages(failure);
        return message.contains("connection closed while ssl/tls handshake was in progress");
    }

    /**
     * What went wrong and what to do, for the client side ({@code client}) or the server side.
     *
     * @param tls this side's TLS setup: its protocol versions, and whether it has a certificate to present
     */
    static String describe(Throwable failure, boolean client, TlsContexts tls) {
        String peer = client ? "server" : "client";
        String all = messages(failure);
        List<String> protocols = tls.protocols();
        // What this side found itself is checked first; the peer's alerts after. Newer JDKs put the alert they send
        // in front of their own message ("(certificate_unknown) PKIX path building failed"), so an alert name
        // counts as the peer's word only after "Received fatal alert".
        String received = all.contains("received fatal alert: ")
                ? all.substring(all.indexOf("received fatal alert: ")) : "";
        String reason;
        if (has(failure, NotSslRecordException.class)) {
            reason = client ? "the server does not speak TLS: is it a plain tcp endpoint (parley://)?"
                    : "the client does not speak TLS (a plain TCP client, or another protocol)";
        } else if (has(failure, SslHandshakeTimeoutException.class)) {
            reason = "the " + peer + " did not complete the handshake in time (is it a TLS endpoint?)";
        } else if (all.contains("empty client certificate chain")) {
            reason = "the client presented no certificate, and this server requires one (TlsConfig clientAuth "
                    + "REQUIRE)";
        } else if (has(failure, CertificateExpiredException.class)
                || has(failure, CertificateNotYetValidException.class) || all.contains("validity check failed")) {
            reason = "the " + peer + "'s certificate has expired or is not yet valid: renew it (or check the clocks)";
        } else if (all.contains("no subject alternative") || all.contains("no name matching")) {
            reason = "the server's certificate does not name the host connected to (hostname verification): give "
                    + "the server a certificate whose subject alternative names include that host, or have it "
                    + "advertise a host its certificate names (Orb.Builder.advertisedHost)";
        } else if (all.contains("unable to find valid certification path") || all.contains("pkix path")
                || all.contains("path does not chain")) {
            reason = "the " + peer + "'s certificate is not trusted: add the CA that issued it to this "
                    + (client ? "Orb" : "server") + "'s trust material (TlsConfig.Builder.trustPem or trustStore; "
                    + "without them the JDK's default trust store is used)";
        } else if (all.contains("protocol_version") || all.contains("no appropriate protocol")
                || all.contains("not enabled or supported") || all.contains("unsupported protocol")) {
            reason = "no TLS version that both sides allow; this side allows " + protocols + ". TLS 1.2 needs "
                    + "TlsConfig.Builder.allowTls12(true) on both sides";
        } else if (client && isCertificateAlert(received) && !tls.hasCertificate()) {
            reason = "the server requires a client certificate, and this Orb presented none: give it one with "
                    + "TlsConfig.Builder.keyStore or keyPem, issued by a CA that the server trusts";
        } else if (isCertificateAlert(received)) {
            // With a certificate, "certificate_required" too: the JDK withholds a certificate whose issuer is not
            // among the CAs the server named as acceptable.
            reason = client ? "the server refused this Orb's client certificate: the server's trust material must "
                    + "hold the CA that issued it, and the certificate must allow client authentication"
                    : "the client refused this server's certificate: see the client's log (usually its trust "
                    + "material lacks this server's CA, or the certificate does not name the host it connected to)";
        } else if (received.contains("handshake_failure") || all.contains("no cipher suites in common")) {
            reason = "the " + peer + " and this side have no cipher suite or key type in common";
        } else {
            reason = "the TLS handshake with the " + peer + " failed";
        }
        return reason + " [" + rootMessage(failure) + "]";
    }

    /** An alert by which the peer refuses the certificate it was shown (or its absence). */
    private static boolean isCertificateAlert(String received) {
        return received.contains("bad_certificate") || received.contains("certificate_unknown")
                || received.contains("unknown_ca") || received.contains("unsupported_certificate")
                || received.contains("certificate_expired") || received.contains("certificate_revoked")
                || received.contains("certificate_required");
    }

    private static boolean has(Throwable failure, Class<? extends Throwable> type) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }

    private static String messages(Throwable failure) {
        StringBuilder all = new StringBuilder();
        for (Throwable t = failure; t != null; t = t.getCause()) {
            all.append(t.getMessage()).append(' ');
        }
        return all.toString().toLowerCase(Locale.ROOT);
    }

    /** The innermost message: the JDK's own words, kept for the expert. */
    private static String rootMessage(Throwable failure) {
        String message = failure.toString();
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t.getMessage() != null) {
                message = t.getMessage();
            }
        }
        return message;
    }
}
