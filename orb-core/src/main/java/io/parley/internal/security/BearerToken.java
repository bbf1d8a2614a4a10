package io.parley.internal.security;

import io.parley.Credentials;
import io.parley.Interceptor;
import java.util.function.Supplier;

/** The client interceptor of {@code Orb.Builder.bearerToken}: every call carries the current token. */
public final class BearerToken implements Interceptor {
    private final Supplier<String> token;

    public BearerToken(Supplier<String> token) {
        this.token = token;
    }

    @Override
    public Object intercept(Chain chain) throws Throwable {
        String current = token.get();
        if (current != null && !current.isEmpty()) {
            chain.context().put(Credentials.AUTHORIZATION, "Bearer " + current);
        }
        return chain.proceed();
    }
}
