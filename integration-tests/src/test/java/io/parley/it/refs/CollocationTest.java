package io.parley.it.refs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.parley.Interceptor;
import io.parley.Orb;
import io.parley.RemoteRef;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** A proxy of an Orb's own object calls it directly, yet with the semantics of a remote call. */
@Timeout(30)
class CollocationTest {

    /** Appends to the list it is given: a caller that got its own list back would see it change. */
    static final class ListsImpl implements Lists {
        private volatile Listener last;

        @Override
        public List<String> append(List<String> list, String item) {
            list.add(item);
            return list;
        }

        @Override
        public String servantThread() {
            return Thread.currentThread().getName();
        }

        @Override
        public void call(Listener listener, String event) {
            last = listener;
            listener.onEvent(event);
        }

        @Override
        public Listener last() {
            return last;
        }
    }

    @Test
    void collocatedCallCopiesValuesAndRunsBothInterceptorChains() {
        List<String> seen = new CopyOnWriteArrayList<>();
        Interceptor client = chain -> {
            seen.add("client " + chain.context().method().name());
            return chain.proceed();
        };
        Interceptor server = chain -> {
            seen.add("server " + chain.context().method().name());
            return chain.proceed();
        };
        try (Orb orb = Orb.builder().name("collocated").sharedMemory(false).clientInterceptor(client)
                .serverInterceptor(server).build()) {
            RemoteRef ref = orb.export(new ListsImpl());
            Lists lists = orb.connect(ref, Lists.class);
            List<String> mine = new ArrayList<>(List.of("a"));
            List<String> result = lists.append(mine, "b");
            assertEquals(List.of("a"), mine, "the servant changed a copy, not the caller's list");
            assertEquals(List.of("a", "b"), result);
            assertNotSame(mine, result);
            assertEquals(List.of("client append", "server append"), seen);
            assertEquals(Thread.currentThread().getName(), lists.servantThread(),
                    "a collocated call runs on the caller's thread");
        }
    }

    @Test
    void servantPassedToACollocatedObjectArrivesAsItself() {
        try (Orb orb = Orb.builder().name("collocated-refs").sharedMemory(false).build()) {
            ListsImpl servant = new ListsImpl();
            Lists lists = orb.connect(orb.export(servant), Lists.class);
            List<String> events = new CopyOnWriteArrayList<>();
            Listener listener = events::add;
            lists.call(listener, "hello");
            assertEquals(List.of("hello"), events);
            assertSame(listener, servant.last(), "by reference, and home: the very object");
            assertSame(listener, lists.last());
        }
    }

    @Test
    void collocationSwitchedOffCallsOverTheNetwork() {
        try (Orb orb = Orb.builder().name("not-collocated").sharedMemory(false).collocation(false).build()) {
            Lists lists = orb.connect(orb.export(new ListsImpl()), Lists.class);
            List<String> mine = new ArrayList<>(List.of("a"));
            assertEquals(List.of("a", "b"), lists.append(mine, "b"));
            assertEquals(List.of("a"), mine);
            assertNotEquals(Thread.currentThread().getName(), lists.servantThread(),
                    "without collocation the servant runs on the Orb's executor, as for any remote call");
        }
    }
}
