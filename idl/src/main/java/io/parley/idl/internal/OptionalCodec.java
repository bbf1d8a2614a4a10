package io.parley.idl.internal;

import java.util.Optional;
import org.apache.thrift.TException;

/** An {@code Optional}: its value's type on the wire when present, an absent field when empty. */
final class OptionalCodec extends ValueCodec {
    private final ValueCodec element;

    OptionalCodec(ValueCodec element) {
        super(element.wireType());
        this.element = element;
    }

    @Override
    public void write(WireWriter out, Object value) throws TException {
        element.write(out, ((Optional<?>) value).get());
    }

    @Override
    public Object read(WireReader in) {
        // ofNullable: an enum constant this version does not know reads as null, so as empty.
        return Optional.ofNullable(element.read(in));
    }

    @Override
    public Object absent() {
        return Optional.empty();
    }

    @Override
    public boolean isAbsent(Object value) {
        return value == null || ((Optional<?>) value).isEmpty();
    }
}
