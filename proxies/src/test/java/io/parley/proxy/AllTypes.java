package io.parley.proxy;

import io.parley.Remote;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/** A remote method for every primitive and box, plus references, void, asynchronous results and mixed arguments. */
@Remote
public interface AllTypes {
    boolean flag(boolean value);

    byte octet(byte value);

    short small(short value);

    int number(int value);

    long large(long value);

    float single(float value);

    double precise(double value);

    char letter(char value);

    Boolean boxedFlag(Boolean value);

    Byte boxedOctet(Byte value);

    Short boxedSmall(Short value);

    Integer boxedNumber(Integer value);

    Long boxedLarge(Long value);

    Float boxedSingle(Float value);

    Double boxedPrecise(Double value);

    Character boxedLetter(Character value);

    String text(String value);

    List<String> lines(List<String> values);

    void nothing();

    CompletableFuture<String> later(String value);

    String mixed(String name, long id, boolean active, double score, char grade, byte[] data, Integer rank);
}
