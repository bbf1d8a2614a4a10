package io.parley.idl.internal;

import java.util.Arrays;
import java.util.List;
import org.apache.thrift.TException;
import org.apache.thrift.protocol.TField;

/**
 * The fields of one struct (a record, or a method's args): ids, codecs and prebuilt field headers, with the lookup
 * from a field id read off the wire to the field's slot. Fields are written in declaration order; absent values
 * (null, empty Optional) are left out.
 */
final class StructFields {
    /** Ids up to this are looked up in an array; larger ones (rare: pinned high ids) by binary search. */
    private static final int DENSE_LIMIT = 256;

    /** One field: its id, its name for error messages, its codec. */
    record Field(int id, String name, ValueCodec codec) {
    }

    private final String[] names;
    private final ValueCodec[] codecs;
    private final TField[] headers;
    private final Object[] absent;
    private final short[] slotById;
    private final short[] sortedIds;
    private final short[] sortedSlots;

    StructFields(List<Field> fields) {
        int count = fields.size();
        names = new String[count];
        codecs = new ValueCodec[count];
        headers = new TField[count];
        absent = new Object[count];
        int maxId = 0;
        for (int i = 0; i < count; i++) {
            Field field = fields.get(i);
            names[i] = field.name();
            codecs[i] = field.codec();
            headers[i] = new TField(field.name(), field.codec().wireType(), (short) field.id());
            absent[i] = field.codec().absent();
            maxId = Math.max(maxId, field.id());
        }
        if (maxId <= DENSE_LIMIT) {
            slotById = new short[maxId + 1];
            Arrays.fill(slotById, (short) -1);
            for (int i = 0; i < count; i++) {
                slotById[fields.get(i).id()] = (short) i;
            }
            sortedIds = null;
            sortedSlots = null;
        } else {
            slotById = null;
            Integer[] order = new Integer[count];
            for (int i = 0; i < count; i++) {
                order[i] = i;
            }
            Arrays.sort(order, (a, b) -> Integer.compare(fields.get(a).id(), fields.get(b).id()));
            sortedIds = new short[count];
            sortedSlots = new short[count];
            for (int i = 0; i < count; i++) {
                sortedIds[i] = (short) fields.get(order[i]).id();
                sortedSlots[i] = (short) (int) order[i];
            }
        }
    }

    int size() {
        return codecs.length;
    }

    String name(int slot) {
        return names[slot];
    }

    /** A fresh array holding what each field decodes to when absent. */
    Object[] absentValues() {
        return absent.clone();
    }

    /** Writes the field in {@code slot} unless its value is absent. */
    void write(WireWriter out, int slot, Object value) throws TException {
        ValueCodec codec = codecs[slot];
        if (codec.isAbsent(value)) {
            return;
        }
        try {
            out.protocol().writeFieldBegin(headers[slot]);
            codec.write(out, value);
            out.protocol().writeFieldEnd();
        } catch (InvalidValueException e) {
            throw e.within(names[slot]);
        } catch (ClassCastException e) {
            throw new InvalidValueException("a " + value.getClass().getName() + " where "
                    + names[slot] + " expects another type", e).within(names[slot]);
        }
    }

    /**
     * Reads the field whose header was just read, into its slot of {@code values}. Returns {@code false}, reading
     * nothing, when this struct has no field with that id or the field has another Thrift type on the wire: the
     * caller skips it, as Thrift does, so that peers with other versions of the struct interoperate.
     */
    boolean read(WireReader in, byte type, Object[] values) {
        int slot = slot(in.fieldId());
        if (slot < 0 || codecs[slot].wireType() != type) {
            return false;
        }
        try {
            values[slot] = codecs[slot].read(in);
        } catch (InvalidValueException e) {
            throw e.within(names[slot]);
        }
        return true;
    }

    private int slot(short id) {
        if (slotById != null) {
            return id >= 0 && id < slotById.length ? slotById[id] : -1;
        }
        int index = Arrays.binarySearch(sortedIds, id);
        return index >= 0 ? sortedSlots[index] : -1;
    }
}
