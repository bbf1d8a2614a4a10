package io.parley.bench.jmh;

import io.parley.bench.parley.BenchService;
import io.parley.idl.ThriftCodecProvider;
import io.parley.proxy.ByteBuddyProxyFactory;
import io.parley.spi.InterfaceDescriptor;
import io.parley.spi.MethodDescriptor;
import io.parley.spi.codec.CallResolver;
import io.parley.spi.codec.Codec;
import io.parley.spi.codec.CodecSettings;
import io.parley.spi.codec.DecodedReply;
import io.parley.spi.codec.InboundCall;
import io.parley.spi.codec.OutboundCall;
import io.parley.spi.proxy.Invoker;
import java.nio.ByteBuffer;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.CompilerControl;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The parts of a Parley call that need no network, in one JVM: the Byte Buddy proxy, and the Thrift codec's four
 * steps (client encodes the call, server decodes it, server encodes the result, client decodes the reply). Run with
 * {@code -prof gc}: {@code gc.alloc.rate.norm} is the bytes allocated per call. It shows that a call neither creates
 * a proxy class nor reflects: a class or a {@code Method.invoke} per call would cost kilobytes, not the few dozen
 * bytes of the argument array, boxes and decoded values.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(value = 1, jvmArgsAppend = "-Xmx512m")
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 3, time = 1)
public class CallPathBenchmark {

    private static final String OBJECT_ID = "bench";

    private final byte[] payload = new byte[64];
    private Codec codec;
    private InterfaceDescriptor iface;
    private MethodDescriptor add;
    private MethodDescriptor echo;
    private OutboundCall prebuiltAdd;
    private BenchService proxy;
    private Invoker invoker;
    private CallResolver resolver;
    private IntFunction<MethodDescriptor> pendingAdd;
    private IntFunction<MethodDescriptor> pendingEcho;
    private int sequenceId;

    @Setup
    public void setUp() {
        codec = new ThriftCodecProvider().create(CodecSettings.defaults());
        iface = InterfaceDescriptor.of(BenchService.class);
        add = iface.method("add");
        echo = iface.method("echo");
        // What core's export table and pending calls do, made once so that the benchmark allocates nothing of its own.
        resolver = (service, objectId, name) -> iface.method(name);
        pendingAdd = id -> add;
        pendingEcho = id -> echo;
        prebuiltAdd = new OutboundCall(1, iface.serviceName(), OBJECT_ID, add, new Object[] {1, 2}, 0);
        invoker = new LocalInvoker(add.index());
        proxy = new ByteBuddyProxyFactory().create(iface, invoker);
    }

    /** The codec alone: encoding an already built call of {@code add(1, 2)}. */
    @Benchmark
    public ByteBuffer encodeAddCall() {
        return codec.encodeCall(prebuiltAdd);
    }

    /** A call of {@code add} through the four codec steps, as client and server run them. */
    @Benchmark
    public Object codecRoundTripAdd() {
        int a = sequenceId++;
        return roundTrip(add, pendingAdd, new Object[] {a, 1}, a + 1);
    }

    /** A call of {@code echo} with 64 bytes through the four codec steps. */
    @Benchmark
    public Object codecRoundTripEcho64() {
        return roundTrip(echo, pendingEcho, new Object[] {payload}, payload);
    }

    /** A call through the generated proxy to a local invoker: the argument array and boxes, no reflection. */
    @Benchmark
    public int proxyCallAdd() {
        return proxy.add(sequenceId++, 1);
    }

    /** Creating a proxy: one small object, the class is generated once per interface and cached. */
    @Benchmark
    public Object newProxy() {
        return new ByteBuddyProxyFactory().create(iface, invoker);
    }

    /**
     * The invoker a proxy calls; this one answers locally, so the benchmark measures the proxy alone. Not inlined,
     * as core's real call path is not: otherwise escape analysis would remove the argument array and boxes that a
     * real call allocates.
     */
    private static final class LocalInvoker implements Invoker {
        private final int addIndex;

        LocalInvoker(int addIndex) {
            this.addIndex = addIndex;
        }

        @Override
        @CompilerControl(CompilerControl.Mode.DONT_INLINE)
        public Object invoke(int methodIndex, Object[] arguments) {
            return methodIndex == addIndex ? (Object) ((Integer) arguments[0] + (Integer) arguments[1]) : arguments[0];
        }

        @Override
        public Object target() {
            return OBJECT_ID;
        }
    }

    private Object roundTrip(MethodDescriptor method, IntFunction<MethodDescriptor> pending, Object[] arguments,
            Object result) {
        int sequence = sequenceId;
        ByteBuffer request = codec.encodeCall(
                new OutboundCall(sequence, iface.serviceName(), OBJECT_ID, method, arguments, 0));
        InboundCall inbound = codec.decodeCall(request, resolver);
        ByteBuffer reply = codec.encodeResult(inbound, result);
        DecodedReply decoded = codec.decodeReply(reply, pending);
        if (decoded.failure() != null) {
            throw new IllegalStateException("codec round trip failed", decoded.failure());
        }
        return decoded.value();
    }
}
