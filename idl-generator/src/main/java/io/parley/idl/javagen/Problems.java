package io.parley.idl.javagen;

import com.microsoft.thrifty.schema.Location;
import java.util.ArrayList;
import java.util.List;

/** What keeps IDL from becoming Parley Java, collected so that one run reports all of it. */
final class Problems {
    private final List<String> found = new ArrayList<>();

    void add(Location location, String problem) {
        found.add(location.getPath() + ":" + location.getLine() + ": " + problem);
    }

    boolean isEmpty() {
        return found.isEmpty();
    }

    List<String> list() {
        return found;
    }
}
