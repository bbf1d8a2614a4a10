package io.parley.spi.codec;

/**
 * The header of a message: enough to answer it even when its body cannot be read.
 *
 * @param name       the message name; for a call {@code Service#objectId:method}, for a reply the bare method name
 * @param type       the message type
 * @param sequenceId the correlation id of the call
 * @param protocol   which protocol of the codec the message used (the answer uses the same); codec-defined
 */
public record MessageHeader(String name, MessageType type, int sequenceId, int protocol) {
}
