package io.parley.idl.internal;

import io.parley.Completion;
import io.parley.DeadlineExceededException;
import io.parley.ErrorCode;
import io.parley.MethodNotFoundException;
import io.parley.ObjectNotFoundException;
import io.parley.OrbException;
import io.parley.RemoteFailureException;
import io.parley.UnavailableException;
import org.apache.thrift.TApplicationException;
import org.apache.thrift.TException;
import org.apache.thrift.protocol.TField;
import org.apache.thrift.protocol.TProtocol;
import org.apache.thrift.protocol.TType;

/**
 * Between Parley's errors and Thrift's {@code TApplicationException {1: string message, 2: i32 type}}, both ways.
 * Parley adds fields that standard readers skip: 100 the {@link ErrorCode} number, 101 the {@link Completion}
 * ordinal, and for a {@link RemoteFailureException} 102 the remote class name and 103 the remote message.
 */
public final class ErrorMapping {
    private static final TField MESSAGE = new TField("message", TType.STRING, Wire.ERROR_MESSAGE_ID);
    private static final TField TYPE = new TField("type", TType.I32, Wire.ERROR_TYPE_ID);
    private static final TField CODE = new TField("parleyCode", TType.I32, Wire.ERROR_CODE_ID);
    private static final TField COMPLETION = new TField("parleyCompletion", TType.I32, Wire.ERROR_COMPLETION_ID);
    private static final TField REMOTE_CLASS = new TField("remoteClass", TType.STRING, Wire.ERROR_REMOTE_CLASS_ID);
    private static final TField REMOTE_MESSAGE = new TField("remoteMessage", TType.STRING,
            Wire.ERROR_REMOTE_MESSAGE_ID);

    private ErrorMapping() {
    }

    /** The {@code TApplicationException} type standard clients see for a Parley error code. */
    public static int applicationType(ErrorCode code) {
        return switch (code) {
            case OBJECT_NOT_FOUND, METHOD_NOT_FOUND -> TApplicationException.UNKNOWN_METHOD;
            case PROTOCOL_ERROR, INVALID_DATA -> TApplicationException.PROTOCOL_ERROR;
            default -> TApplicationException.INTERNAL_ERROR;
        };
    }

    /** Writes the exception struct (the body of an EXCEPTION message). */
    public static void write(TProtocol out, OrbException error) throws TException {
        out.writeStructBegin(WireWriter.ANONYMOUS);
        if (error.getMessage() != null) {
            out.writeFieldBegin(MESSAGE);
            out.writeString(error.getMessage());
            out.writeFieldEnd();
        }
        writeI32(out, TYPE, applicationType(error.code()));
        writeI32(out, CODE, error.code().number());
        writeI32(out, COMPLETION, error.completion().ordinal());
        if (error instanceof RemoteFailureException remote) {
            out.writeFieldBegin(REMOTE_CLASS);
            out.writeString(remote.remoteClassName());
            out.writeFieldEnd();
            if (remote.remoteMessage() != null) {
                out.writeFieldBegin(REMOTE_MESSAGE);
                out.writeString(remote.remoteMessage());
                out.writeFieldEnd();
            }
        }
        out.writeFieldStop();
        out.writeStructEnd();
    }

    /** Reads the exception struct into the exception the caller gets; {@code where} names the call. */
    public static OrbException read(WireReader in, String where) {
        String message = null;
        int type = TApplicationException.UNKNOWN;
        int code = -1;
        int completion = -1;
        String remoteClass = null;
        String remoteMessage = null;
        in.structBegin();
        byte fieldType;
        while ((fieldType = in.readFieldBegin()) != TType.STOP) {
            short id = in.fieldId();
            if (fieldType == TType.STRING && id == Wire.ERROR_MESSAGE_ID) {
                message = in.readString();
            } else if (fieldType == TType.I32 && id == Wire.ERROR_TYPE_ID) {
                type = in.readI32();
            } else if (fieldType == TType.I32 && id == Wire.ERROR_CODE_ID) {
                code = in.readI32();
            } else if (fieldType == TType.I32 && id == Wire.ERROR_COMPLETION_ID) {
                completion = in.readI32();
            } else if (fieldType == TType.STRING && id == Wire.ERROR_REMOTE_CLASS_ID) {
                remoteClass = in.readString();
            } else if (fieldType == TType.STRING && id == Wire.ERROR_REMOTE_MESSAGE_ID) {
                remoteMessage = in.readString();
            } else {
                in.skip(fieldType);
            }
        }
        in.structEnd();
        if (code < 0) {
            return fromPlainThrift(type, message, where);
        }
        return fromParley(ErrorCode.ofNumber(code), completion < 0 ? Completion.MAYBE : Completion.ofOrdinal(completion),
                message, remoteClass, remoteMessage, where);
    }

    private static OrbException fromParley(ErrorCode code, Completion completion, String message,
            String remoteClass, String remoteMessage, String where) {
        return switch (code) {
            case OBJECT_NOT_FOUND -> new ObjectNotFoundException(completion, message);
            case METHOD_NOT_FOUND -> new MethodNotFoundException(completion, message);
            case DEADLINE_EXCEEDED -> new DeadlineExceededException(completion, message);
            case UNAVAILABLE -> new UnavailableException(completion, message);
            case REMOTE_FAILURE -> remoteFailure(message, remoteClass, remoteMessage, where);
            default -> new OrbException(code, completion, message);
        };
    }

    /**
     * Rebuilds a remote failure. Its message is {@code where + " threw " + class + ": " + remote message}; the
     * server's {@code where} (object and method) is recovered from the message so the caller reads the same text.
     */
    private static RemoteFailureException remoteFailure(String message, String remoteClass, String remoteMessage,
            String where) {
        String className = remoteClass != null ? remoteClass : "an undeclared exception";
        String detail = remoteMessage != null ? remoteMessage
                : remoteClass == null ? message : null;
        String suffix = " threw " + className + (detail == null ? "" : ": " + detail);
        String serverWhere = message != null && message.endsWith(suffix)
                ? message.substring(0, message.length() - suffix.length()) : where;
        return new RemoteFailureException(className, detail, serverWhere);
    }

    /** A {@code TApplicationException} from a server that is not Parley: only its type to go by. */
    private static OrbException fromPlainThrift(int type, String message, String where) {
        String text = where + ": the server reported " + (message == null || message.isEmpty()
                ? "TApplicationException type " + type : message);
        return switch (type) {
            case TApplicationException.UNKNOWN_METHOD -> new MethodNotFoundException(Completion.NO, text);
            // Whether a plain server ran the method before its protocol error is unknown: MAYBE never makes an
            // unsafe retry look safe.
            case TApplicationException.PROTOCOL_ERROR -> new OrbException(ErrorCode.PROTOCOL_ERROR,
                    Completion.MAYBE, text);
            default -> new OrbException(ErrorCode.INTERNAL, Completion.MAYBE, text);
        };
    }

    private static void writeI32(TProtocol out, TField field, int value) throws TException {
        out.writeFieldBegin(field);
        out.writeI32(value);
        out.writeFieldEnd();
    }
}
