package io.parley.it;

import io.parley.NonBlocking;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Returns what it gets: the test compares what comes back with what went out. */
@NonBlocking
public class ValuesImpl implements Values {
    @Override
    public Everything echo(Everything value) {
        return value;
    }

    @Override
    public int echoInt(int value) {
        return value;
    }

    @Override
    public Integer echoBoxed(Integer value) {
        return value;
    }

    @Override
    public String echoString(String value) {
        return value;
    }

    @Override
    public byte[] echoBytes(byte[] value) {
        return value;
    }

    @Override
    public Optional<String> echoOptional(Optional<String> value) {
        return value;
    }

    @Override
    public Map<String, List<Long>> echoMap(Map<String, List<Long>> value) {
        return value;
    }

    @Override
    public Kind echoKind(Kind kind) {
        return kind;
    }
}
