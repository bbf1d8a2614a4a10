package io.parley.idl.internal;

import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import org.apache.thrift.TException;
import org.apache.thrift.protocol.TField;
import org.apache.thrift.protocol.TProtocol;
import org.apache.thrift.protocol.TType;

/** An {@code Instant} or a {@code Duration} as the struct {@code {1: i64 seconds, 2: i32 nanos}}. */
final class TimeCodec extends ValueCodec {
    private static final TField SECONDS = new TField("seconds", TType.I64, Wire.TIME_SECONDS_ID);
    private static final TField NANOS = new TField("nanos", TType.I32, Wire.TIME_NANOS_ID);

    private final boolean instant;

    private TimeCodec(boolean instant) {
        super(TType.STRUCT);
        this.instant = instant;
    }

    static TimeCodec instant() {
        return new TimeCodec(true);
    }

    static TimeCodec duration() {
        return new TimeCodec(false);
    }

    @Override
    public void write(WireWriter out, Object value) throws TException {
        long seconds;
        int nanos;
        if (instant) {
            seconds = ((Instant) value).getEpochSecond();
            nanos = ((Instant) value).getNano();
        } else {
            seconds = ((Duration) value).getSeconds();
            nanos = ((Duration) value).getNano();
        }
        out.enter();
        TProtocol protocol = out.protocol();
        protocol.writeStructBegin(WireWriter.ANONYMOUS);
        protocol.writeFieldBegin(SECONDS);
        protocol.writeI64(seconds);
        protocol.writeFieldEnd();
        protocol.writeFieldBegin(NANOS);
        protocol.writeI32(nanos);
        protocol.writeFieldEnd();
        protocol.writeFieldStop();
        protocol.writeStructEnd();
        out.exit();
    }

    @Override
    public Object read(WireReader in) {
        long seconds = 0;
        int nanos = 0;
        in.structBegin();
        byte type;
        while ((type = in.readFieldBegin()) != TType.STOP) {
            if (in.fieldId() == Wire.TIME_SECONDS_ID && type == TType.I64) {
                seconds = in.readI64();
            } else if (in.fieldId() == Wire.TIME_NANOS_ID && type == TType.I32) {
                nanos = in.readI32();
            } else {
                in.skip(type);
            }
        }
        in.structEnd();
        try {
            return instant ? Instant.ofEpochSecond(seconds, nanos) : Duration.ofSeconds(seconds, nanos);
        } catch (DateTimeException | ArithmeticException e) {
            throw new InvalidValueException((instant ? "instant" : "duration") + " of " + seconds + " s and "
                    + nanos + " ns is out of range", e);
        }
    }
}
