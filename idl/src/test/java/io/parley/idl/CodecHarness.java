package io.parley.idl;

import io.parley.MethodNotFoundException;
import io.parley.Completion;
import io.parley.spi.InterfaceDescriptor;
import io.parley.spi.MethodDescriptor;
import io.parley.spi.codec.CallResolver;
import io.parley.spi.codec.CodecSettings;
import io.parley.spi.codec.DecodedReply;
import io.parley.spi.codec.InboundCall;
import io.parley.spi.codec.OutboundCall;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;

/** Encodes and decodes through a real {@link ThriftCodec}: what a client and a server would exchange. */
final class CodecHarness {
    static final String OBJECT_ID = "obj-1";

    final ThriftCodec codec;

    CodecHarness() {
        this(CodecSettings.defaults());
    }

    CodecHarness(CodecSettings settings) {
        this.codec = new ThriftCodec(settings);
    }

    static MethodDescriptor method(Class<?> iface, String name) {
        MethodDescriptor method = InterfaceDescriptor.of(iface).method(name);
        if (method == null) {
            throw new IllegalArgumentException(iface + " has no method " + name);
        }
        return method;
    }

    /** A resolver over one interface, as core's export table would answer for any object id. */
    static CallResolver resolverOf(Class<?> iface) {
        InterfaceDescriptor descriptor = InterfaceDescriptor.of(iface);
        return (service, objectId, method) -> {
            MethodDescriptor found = descriptor.method(method);
            if (found == null) {
                throw new MethodNotFoundException(Completion.NO, "no method " + method + " on " + service);
            }
            return found;
        };
    }

    static OutboundCall call(Class<?> iface, String method, long timeoutMicros, Object... args) {
        MethodDescriptor descriptor = method(iface, method);
        return new OutboundCall(42, descriptor.owner().serviceName(), OBJECT_ID, descriptor, args, timeoutMicros);
    }

    /** The bytes of a buffer, copied (encode buffers are reused per thread). */
    static byte[] bytes(ByteBuffer buffer) {
        byte[] bytes = new byte[buffer.remaining()];
        buffer.duplicate().get(bytes);
        return bytes;
    }

    byte[] encodeCall(Class<?> iface, String method, Object... args) {
        return bytes(codec.encodeCall(call(iface, method, 0, args)));
    }

    InboundCall decodeCall(byte[] frame, Class<?> serverIface) {
        return codec.decodeCall(ByteBuffer.wrap(frame), resolverOf(serverIface));
    }

    /** Client encodes with {@code clientIface}, server decodes with {@code serverIface}. */
    InboundCall callThrough(Class<?> clientIface, Class<?> serverIface, String method, Object... args) {
        return decodeCall(encodeCall(clientIface, method, args), serverIface);
    }

    InboundCall callThrough(Class<?> iface, String method, Object... args) {
        return callThrough(iface, iface, method, args);
    }

    /** Server answers {@code call} with {@code result}; client decodes it as a call of {@code clientIface}. */
    DecodedReply replyThrough(InboundCall call, Object result, Class<?> clientIface) {
        byte[] reply = bytes(codec.encodeResult(call, result));
        MethodDescriptor pending = method(clientIface, call.method().name());
        return codec.decodeReply(ByteBuffer.wrap(reply), seq -> seq == call.header().sequenceId() ? pending : null);
    }

    /** The result as the client sees it after a full call and reply on one interface. */
    Object resultThrough(Class<?> iface, String method, Object result, Object... args) {
        InboundCall call = callThrough(iface, method, args);
        DecodedReply reply = replyThrough(call, result, iface);
        if (reply.failure() != null) {
            throw new AssertionError("unexpected failure", reply.failure());
        }
        return reply.value();
    }

    /** Bytes allocated by this thread while running {@code action} (HotSpot's per-thread counter). */
    static long allocatedDuring(Runnable action) {
        com.sun.management.ThreadMXBean threads =
                (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long thread = Thread.currentThread().getId();
        long before = threads.getThreadAllocatedBytes(thread);
        action.run();
        return threads.getThreadAllocatedBytes(thread) - before;
    }
}
