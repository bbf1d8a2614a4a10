package io.parley.naming.zookeeper;

import io.parley.Completion;
import io.parley.ErrorCode;
import io.parley.OrbException;
import io.parley.UnavailableException;
import org.apache.zookeeper.KeeperException;

/** Turns what Curator throws into Parley's errors, saying what was being done and where. */
final class ZooKeeperErrors {
    private ZooKeeperErrors() {
    }

    static OrbException translate(String what, String where, Exception e) {
        if (e instanceof OrbException orbException) {
            return orbException;
        }
        if (e instanceof InterruptedException) {
            Thread.currentThread().interrupt();
            return new OrbException(ErrorCode.CANCELLED, Completion.NO, "interrupted while " + what, e);
        }
        if (e instanceof KeeperException.NoAuthException) {
            return new OrbException(ErrorCode.UNAUTHORIZED, Completion.NO, "ZooKeeper refused " + what + " at "
                    + where + ": not authorised; configure the credentials of whoever created it "
                    + "(NamingConfig.credentials)", e);
        }
        if (e instanceof KeeperException.ConnectionLossException || e instanceof KeeperException.SessionExpiredException
                || e instanceof KeeperException.OperationTimeoutException) {
            return new UnavailableException(Completion.NO, "ZooKeeper unreachable while " + what + " (" + where
                    + "): " + e.getMessage(), e);
        }
        return new UnavailableException(Completion.NO, "ZooKeeper failed " + what + " (" + where + "): " + e, e);
    }
}
