package io.parley.spi.codec;

/**
 * A reply read on the client: the outcome of one call.
 *
 * @param sequenceId the call it answers
 * @param value      the result (null for void), when {@code failure} is null
 * @param failure    the declared exception, or the {@link io.parley.OrbException} the server reported
 */
public record DecodedReply(int sequenceId, Object value, Throwable failure) {
}
