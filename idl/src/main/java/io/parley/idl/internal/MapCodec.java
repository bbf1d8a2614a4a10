package io.parley.idl.internal;

import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.thrift.TException;
import org.apache.thrift.protocol.TMap;
import org.apache.thrift.protocol.TProtocol;
import org.apache.thrift.protocol.TType;

/** A {@code Map} as a Thrift map; reads into a mutable LinkedHashMap, keeping the wire's order. */
final class MapCodec extends ValueCodec {
    private final ValueCodec key;
    private final ValueCodec value;

    MapCodec(ValueCodec key, ValueCodec value) {
        super(TType.MAP);
        this.key = key;
        this.value = value;
    }

    @Override
    public void write(WireWriter out, Object map) throws TException {
        Map<?, ?> entries = (Map<?, ?>) map;
        out.enter();
        TProtocol protocol = out.protocol();
        protocol.writeMapBegin(new TMap(key.wireType(), value.wireType(), entries.size()));
        for (Map.Entry<?, ?> entry : entries.entrySet()) {
            if (entry.getKey() == null) {
                throw new InvalidValueException("null key in a map: Thrift cannot carry null keys");
            }
            if (entry.getValue() == null) {
                throw new InvalidValueException("null value in a map (key " + entry.getKey()
                        + "): Thrift cannot carry null values; leave the entry out");
            }
            key.write(out, entry.getKey());
            value.write(out, entry.getValue());
        }
        protocol.writeMapEnd();
        out.exit();
    }

    @Override
    public Object read(WireReader in) {
        int count = in.readMapBegin();
        if (count > 0 && (in.elementType() != key.wireType() || in.valueType() != value.wireType())) {
            throw new MalformedMessageException("map<" + Wire.typeName(in.elementType()) + ", "
                    + Wire.typeName(in.valueType()) + "> where map<" + Wire.typeName(key.wireType()) + ", "
                    + Wire.typeName(value.wireType()) + "> was expected");
        }
        Map<Object, Object> map = new LinkedHashMap<>(Math.min(count, CollectionCodec.MAX_PRESIZE) * 2);
        for (int i = 0; i < count; i++) {
            Object k = key.read(in);
            map.put(k, value.read(in));
        }
        in.containerEnd();
        return map;
    }
}
