package io.parley.it.refs;

import io.parley.Remote;
import java.util.List;

/** Values whose copies can be told from the originals. */
@Remote
public interface Lists {
    /** Adds {@code item} to the list it was given and returns that list. */
    List<String> append(List<String> list, String item);

    /** The name of the thread that ran the servant. */
    String servantThread();

    /** Keeps the listener and calls it at once. */
    void call(Listener listener, String event);

    /** The last listener given to {@link #call}. */
    Listener last();
}
