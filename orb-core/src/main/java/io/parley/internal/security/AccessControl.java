package io.parley.internal.security;

import io.parley.AccessPolicy;
import io.parley.Allowed;
import io.parley.Authenticator;
import io.parley.Completion;
import io.parley.ErrorCode;
import io.parley.Identity;
import io.parley.Interceptor;
import io.parley.OrbException;
import io.parley.internal.DefaultCallContext;
import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The first server interceptor of an Orb with an {@link Authenticator}: authenticates every call, checks
 * {@link Allowed} and the {@link AccessPolicy}, and refuses with {@link ErrorCode#UNAUTHORIZED} (completion NO)
 * before any other interceptor or the servant runs. Refusals are logged at warn, at most one line a second (a
 * flood of bad calls must not flood the log), with the count of those not logged.
 */
public final class AccessControl implements Interceptor {
    private static final Logger log = LoggerFactory.getLogger(AccessControl.class);
    private static final long LOG_INTERVAL_NANOS = 1_000_000_000L;

    private final Authenticator authenticator;
    private final AccessPolicy policy;
    private final ClassValue<RoleRules> rules = new ClassValue<>() {
        @Override
        protected RoleRules computeValue(Class<?> remoteInterface) {
            return new RoleRules(remoteInterface);
        }
    };
    private final AtomicLong nextLog = new AtomicLong(System.nanoTime());
    private final AtomicLong unlogged = new AtomicLong();

    /** {@code policy} may be {@code null}. */
    public AccessControl(Authenticator authenticator, AccessPolicy policy) {
        this.authenticator = authenticator;
        this.policy = policy;
    }

    @Override
    public Object intercept(Chain chain) throws Throwable {
        DefaultCallContext call = (DefaultCallContext) chain.context();
        Identity identity = authenticate(call);
        call.identity(identity);
        Method method = call.method().method();
        String[] roles = rules.get(method.getDeclaringClass()).rolesFor(method);
        if (roles != null && roles.length > 0 && Arrays.stream(roles).noneMatch(identity::hasRole)) {
            throw refuse(call, identity + " holds none of the roles " + Arrays.toString(roles)
                    + " that @Allowed requires for " + call.service() + "." + call.method().name());
        }
        if (policy != null && !policy.permits(identity, call)) {
            throw refuse(call, "the access policy does not let " + identity + " call " + call.service() + "."
                    + call.method().name() + " of '" + call.objectId() + "'");
        }
        return chain.proceed();
    }

    private Identity authenticate(DefaultCallContext call) {
        Optional<Identity> identity;
        try {
            identity = authenticator.authenticate(new CallCredentials(call));
        } catch (OrbException e) {
            throw refuse(call, e.getMessage());
        } catch (RuntimeException e) {
            log.warn("the authenticator failed on a call from {}; refusing it", call.peer(), e);
            throw refuse(call, "the server could not check the caller's credentials");
        }
        if (identity == null || identity.isEmpty()) {
            throw refuse(call, "the call proves no identity the server accepts: present a client certificate "
                    + "(TLS), a bearer token (Orb.builder().bearerToken(...)), or call from an accepted local user");
        }
        return identity.get();
    }

    private OrbException refuse(DefaultCallContext call, String why) {
        long now = System.nanoTime();
        long next = nextLog.get();
        if (now - next >= 0 && nextLog.compareAndSet(next, now + LOG_INTERVAL_NANOS)) {
            long more = unlogged.getAndSet(0);
            log.warn("refused {}.{} of '{}' from {}: {}{}", call.service(), call.method().name(), call.objectId(),
                    call.peer(), why, more == 0 ? "" : " (and " + more + " refusals not logged in the last second)");
        } else {
            unlogged.incrementAndGet();
        }
        return new OrbException(ErrorCode.UNAUTHORIZED, Completion.NO, "unauthorized: " + why);
    }

    /** The {@link Allowed} roles of one remote interface's methods, read once. */
    private static final class RoleRules {
        private final String[] interfaceRoles;

        RoleRules(Class<?> remoteInterface) {
            Allowed allowed = remoteInterface.getAnnotation(Allowed.class);
            this.interfaceRoles = allowed == null ? null : allowed.value();
        }

        /** The roles for {@code method}, {@code null} when neither it nor its interface says. */
        String[] rolesFor(Method method) {
            Allowed allowed = method.getAnnotation(Allowed.class);
            return allowed != null ? allowed.value() : interfaceRoles;
        }
    }
}
