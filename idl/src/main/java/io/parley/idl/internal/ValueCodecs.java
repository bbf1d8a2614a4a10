package io.parley.idl.internal;

import io.parley.spi.ValueType;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The codec of each {@link ValueType}, built once and cached. Value types are compared by identity: the descriptors
 * build one per Java type, and a recursive record refers to its own instance, which is how the cycle is closed here.
 */
public final class ValueCodecs {
    private final Map<ValueType, ValueCodec> cache = new ConcurrentHashMap<>();

    /** The codec of {@code type}, building it (and the codecs it contains) on first use. */
    public ValueCodec of(ValueType type) {
        ValueCodec codec = cache.get(type);
        if (codec != null) {
            return codec;
        }
        synchronized (this) {
            // Built under a lock into a private map and published together, so no thread ever sees a record codec
            // whose fields are still being built.
            Map<ValueType, ValueCodec> building = new HashMap<>();
            codec = build(type, building);
            cache.putAll(building);
            return codec;
        }
    }

    private ValueCodec build(ValueType type, Map<ValueType, ValueCodec> building) {
        ValueCodec known = cache.get(type);
        if (known == null) {
            known = building.get(type);
        }
        if (known != null) {
            return known;
        }
        ValueCodec codec = switch (type.kind()) {
            case ENUM -> new EnumCodec(type);
            case RECORD -> record(type, building);
            case LIST -> CollectionCodec.list(build(type.element(), building));
            case SET -> CollectionCodec.set(build(type.element(), building));
            case MAP -> new MapCodec(build(type.key(), building), build(type.value(), building));
            case OPTIONAL -> new OptionalCodec(build(type.element(), building));
            case INSTANT -> TimeCodec.instant();
            case DURATION -> TimeCodec.duration();
            case REFERENCE -> new ReferenceCodec(type.rawType(), build(ReferenceCodec.ENDPOINTS, building));
            case VOID -> throw new IllegalArgumentException("void has no values to encode");
            default -> ScalarCodec.of(type);
        };
        building.put(type, codec);
        return codec;
    }

    private RecordCodec record(ValueType type, Map<ValueType, ValueCodec> building) {
        RecordCodec codec = new RecordCodec(type);
        building.put(type, codec);
        List<StructFields.Field> fields = new ArrayList<>();
        for (ValueType.Field field : type.fields()) {
            fields.add(new StructFields.Field(field.id(), field.name(), build(field.type(), building)));
        }
        codec.complete(type, new StructFields(fields));
        return codec;
    }
}
