package io.parley.examples.replicated;

import io.parley.Export;

/** The greeter of one server process; with naming active, exporting it binds it under {@code greeter}. */
@Export("greeter")
public class GreeterServant implements Greeter {
    private final String server;

    public GreeterServant(String server) {
        this.server = server;
    }

    @Override
    public String greet(String who) {
        return "hello " + who + " from " + server;
    }
}
