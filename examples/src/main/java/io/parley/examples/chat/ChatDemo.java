package io.parley.examples.chat;

import java.io.PrintStream;

/**
 * The chat example in one command: a room server JVM and three member JVMs (alice, bob, carol) that open no port of
 * their own, yet hear the room through callbacks over the connections they opened. Carol is killed with SIGKILL;
 * her lease ends and the room removes her. Bob and alice leave. The server's export table is back to its size
 * before anyone joined; the demo exits with status 1 otherwise.
 */
public final class ChatDemo {
    private ChatDemo() {
    }

    public static void main(String[] args) throws Exception {
        System.exit(run(System.out) ? 0 : 1);
    }

    /** Runs the demo, printing to {@code out}; whether the server's export table came back to its first size. */
    public static boolean run(PrintStream out) throws Exception {
        try (DemoProcess server = DemoProcess.start("server", out, ChatServer.class)) {
            String ref = server.await("REF ");
            out.println("chat server (pid " + server.pid() + ") exported " + ref);
            int before = exports(server);
            out.println("server exports before anyone joined: " + before);
            try (DemoProcess alice = member("alice", ref, out);
                    DemoProcess bob = member("bob", ref, out);
                    DemoProcess carol = member("carol", ref, out)) {
                out.println("server exports with three members: " + exports(server) + " (a session each)");
                alice.send("say hello, everyone");
                bob.await("HEARD alice: hello, everyone");
                carol.await("HEARD alice: hello, everyone");
                carol.kill();
                out.println("carol killed (SIGKILL)");
                bob.send("say is carol still there?");
                alice.await("HEARD bob: is carol still there?");
                alice.await("HEARD room: carol "); // vanished (lease ended) or could not be reached
                out.println("members after carol's death: " + awaitMembers(server, "[alice, bob]"));
                bob.send("leave");
                bob.await("LEFT");
                alice.await("HEARD room: bob left");
                alice.send("leave");
                alice.await("LEFT");
            }
            int after = awaitExports(server, before);
            out.println("server exports after everyone went: " + after);
            return after == before;
        }
    }

    private static DemoProcess member(String nick, String ref, PrintStream out) throws Exception {
        DemoProcess member = DemoProcess.start(nick, out, ChatClient.class, ref, nick);
        member.await("JOINED ");
        return member;
    }

    private static int exports(DemoProcess server) throws InterruptedException {
        server.send("exports");
        return Integer.parseInt(server.await("EXPORTS "));
    }

    /** Leases end a lease time (2 s) after their last holder: polls until the count is back, up to 20 s. */
    private static int awaitExports(DemoProcess server, int expected) throws InterruptedException {
        long end = System.nanoTime() + 20_000_000_000L;
        int now;
        while ((now = exports(server)) != expected && System.nanoTime() < end) {
            Thread.sleep(250);
        }
        return now;
    }

    private static String awaitMembers(DemoProcess server, String expected) throws InterruptedException {
        long end = System.nanoTime() + 20_000_000_000L;
        String now;
        do {
            server.send("members");
            now = server.await("MEMBERS ");
            if (now.equals(expected)) {
                return now;
            }
            Thread.sleep(250);
        } while (System.nanoTime() < end);
        return now;
    }
}
