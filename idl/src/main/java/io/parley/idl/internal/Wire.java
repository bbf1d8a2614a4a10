package io.parley.idl.internal;

import org.apache.thrift.protocol.TType;

/**
 * The layout of Parley's Thrift messages in one place: protocol ids, Thrift type codes, the field ids Parley reserves,
 * and the smallest number of bytes each type takes on the wire (what bounds a container count before anything is
 * allocated for it).
 */
public final class Wire {
    /** First byte of a compact-protocol message. */
    public static final int COMPACT = 0x82;
    /** First byte of a strict binary-protocol message ({@code 0x80010000 | type}, big-endian). */
    public static final int BINARY = 0x80;

    /** Args-struct field carrying call metadata: above every id a user can pin (1 to 32000), invisible to others. */
    public static final short METADATA_FIELD_ID = 32767;
    /** Inside the metadata struct: the caller's remaining time, i64 microseconds. */
    public static final short METADATA_TIMEOUT_ID = 1;
    /** Inside the metadata struct: the call's string metadata, {@code map<string, string>}, left out when empty. */
    public static final short METADATA_STRINGS_ID = 2;
    /** Inside the metadata struct: the call's binary metadata, {@code map<string, binary>}, left out when empty. */
    public static final short METADATA_BINARIES_ID = 3;

    /** The result struct's field for the returned value. */
    public static final short SUCCESS_FIELD_ID = 0;

    /** {@code TApplicationException} fields every Thrift reader knows. */
    public static final short ERROR_MESSAGE_ID = 1;
    public static final short ERROR_TYPE_ID = 2;
    /** Parley's extra error fields; standard readers skip them. */
    public static final short ERROR_CODE_ID = 100;
    public static final short ERROR_COMPLETION_ID = 101;
    public static final short ERROR_REMOTE_CLASS_ID = 102;
    public static final short ERROR_REMOTE_MESSAGE_ID = 103;

    /** Fields of the struct that carries an {@code Instant} or a {@code Duration}. */
    public static final short TIME_SECONDS_ID = 1;
    public static final short TIME_NANOS_ID = 2;

    /**
     * Fields of a reference, the IDL struct {@code RemoteRef}; {@code fromSender} is Parley's addition, true when the
     * sender of the message owns the object (call it back over the same connection).
     */
    public static final short REFERENCE_SERVICE_ID = 1;
    public static final short REFERENCE_OBJECT_ID = 2;
    public static final short REFERENCE_ENDPOINTS_ID = 3;
    public static final short REFERENCE_INCARNATION_ID = 4;
    public static final short REFERENCE_FROM_SENDER_ID = 5;

    private Wire() {
    }

    /**
     * The fewest bytes a value of Thrift type {@code type} occupies, never less than 1 so that a count of elements
     * is always bounded by the bytes left in the frame.
     */
    static int minSize(byte type, boolean compact) {
        switch (type) {
            case TType.DOUBLE:
                return 8;
            case TType.UUID:
                return 16;
            case TType.I16:
                return compact ? 1 : 2;
            case TType.I32:
            case TType.STRING:
                return compact ? 1 : 4;
            case TType.I64:
                return compact ? 1 : 8;
            case TType.LIST:
            case TType.SET:
                return compact ? 1 : 5;
            case TType.MAP:
                return compact ? 1 : 4;
            default:
                // bool, byte, struct (at least its stop byte)
                return 1;
        }
    }

    /** A readable name of a Thrift type code, for error messages. */
    static String typeName(byte type) {
        switch (type) {
            case TType.STOP: return "stop";
            case TType.BOOL: return "bool";
            case TType.BYTE: return "byte";
            case TType.DOUBLE: return "double";
            case TType.I16: return "i16";
            case TType.I32: return "i32";
            case TType.I64: return "i64";
            case TType.STRING: return "string/binary";
            case TType.STRUCT: return "struct";
            case TType.MAP: return "map";
            case TType.SET: return "set";
            case TType.LIST: return "list";
            case TType.UUID: return "uuid";
            default: return "type " + type;
        }
    }
}
