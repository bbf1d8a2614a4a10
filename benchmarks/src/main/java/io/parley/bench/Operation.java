package io.parley.bench;

import java.util.Arrays;

/** What one measured call does; each call checks its answer, so a broken system cannot look fast. */
public enum Operation {
    /** {@code int add(int a, int b)}. */
    ADD("add") {
        @Override
        void call(Caller caller, int i) throws Exception {
            int sum = caller.add(i, 1);
            if (sum != i + 1) {
                throw new IllegalStateException("add(" + i + ", 1) returned " + sum);
            }
        }
    },
    /** {@code byte[] echo(byte[] payload)} with a 64-byte payload. */
    ECHO64("echo64") {
        @Override
        void call(Caller caller, int i) throws Exception {
            byte[] answer = caller.echo(PAYLOAD);
            if (!Arrays.equals(answer, PAYLOAD)) {
                throw new IllegalStateException("echo returned " + (answer == null ? "null" : answer.length + " other bytes"));
            }
        }
    },
    /** A call passing the caller's listener, always the same object, which the server calls back once. */
    CALLBACK("callback") {
        @Override
        void call(Caller caller, int i) throws Exception {
            check(caller.callBack(i), i);
        }
    },
    /** The same with a new listener object per call: exported, leased, released and dropped per call. */
    CALLBACK_NEW("callback-new") {
        @Override
        void call(Caller caller, int i) throws Exception {
            check(caller.callBackNew(i), i);
        }
    };

    /** The echoed payload: 64 fixed bytes. */
    static final byte[] PAYLOAD = payload(64);

    private final String label;

    Operation(String label) {
        this.label = label;
    }

    /** The name in the results. */
    public String label() {
        return label;
    }

    /** Whether it calls back into the caller's JVM (not every system does). */
    public boolean callback() {
        return this == CALLBACK || this == CALLBACK_NEW;
    }

    /** Performs call number {@code i} and checks its answer. */
    abstract void call(Caller caller, int i) throws Exception;

    /** Every listener answers {@code ~value}: a call that returns it has called the listener back. */
    private static void check(int answer, int value) {
        if (answer != ~value) {
            throw new IllegalStateException("callBack(" + value + ") returned " + answer + ", not the listener's "
                    + ~value);
        }
    }

    private static byte[] payload(int size) {
        byte[] bytes = new byte[size];
        for (int i = 0; i < size; i++) {
            bytes[i] = (byte) (i * 31 + 7);
        }
        return bytes;
    }
}
