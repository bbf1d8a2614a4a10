package io.parley.spi.codec;

import io.parley.Completion;
import io.parley.ErrorCode;
import io.parley.OrbException;

/**
 * How objects passed by reference ({@link io.parley.spi.ValueType.Kind#REFERENCE}) cross one connection; implemented
 * by core, one per connection, and handed to the codec with each message ({@link OutboundCall#references()},
 * {@link InboundCall#references()}, {@link Codec#decodeCall(java.nio.ByteBuffer, CallResolver, References)},
 * {@link Codec#decodeReply(java.nio.ByteBuffer, java.util.function.IntFunction, References)}). Writing a servant
 * exports it and leases it to the connection's peer; reading gives a proxy, or this Orb's own servant.
 *
 * <p>Threading: called on the thread that encodes or decodes; never blocks.
 */
public interface References {

    /** Refuses every reference: for messages that travel outside any connection (tests, tools). */
    References NONE = new References() {
        @Override
        public WireReference write(Object object, Class<?> iface) {
            throw refused(iface);
        }

        @Override
        public Object read(WireReference reference, Class<?> iface) {
            throw refused(iface);
        }

        private OrbException refused(Class<?> iface) {
            return new OrbException(ErrorCode.INVALID_DATA, Completion.NO, "a reference to " + iface.getName()
                    + " cannot be carried here: this message travels outside any Orb connection");
        }
    };

    /**
     * The wire form of {@code object}, a servant or a proxy implementing the remote interface {@code iface}.
     *
     * @throws OrbException INVALID_DATA when the object cannot be passed by reference, RESOURCE_EXHAUSTED when the
     *                      peer holds too many of this Orb's objects already
     */
    WireReference write(Object object, Class<?> iface);

    /** The object a received reference stands for: a proxy implementing {@code iface}, or this Orb's servant. */
    Object read(WireReference reference, Class<?> iface);
}
