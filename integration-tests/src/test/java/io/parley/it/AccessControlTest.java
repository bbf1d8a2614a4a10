package io.parley.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.parley.Authenticator;
import io.parley.Completion;
import io.parley.ErrorCode;
import io.parley.Identity;
import io.parley.Interceptor;
import io.parley.Orb;
import io.parley.OrbException;
import io.parley.RemoteRef;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Authentication and authorization on the server: a call that proves no identity, lacks a role or breaks the
 * access policy gets UNAUTHORIZED (completion NO), and nothing of the servant or of the other interceptors runs;
 * the connection keeps serving.
 */
@Timeout(60)
class AccessControlTest {
    private static final Map<String, Identity> TOKENS = Map.of(
            "alice-token", new Identity("alice", "bearer", Set.of("user")),
            "bob-token", new Identity("bob", "bearer", Set.of("admin")));

    private final AtomicInteger interceptorRuns = new AtomicInteger();
    private Orb server;
    private Orb client;

    @AfterEach
    void close() {
        if (client != null) {
            client.close();
        }
        if (server != null) {
            server.close();
        }
    }

    private Orb tokenServer(Orb.Builder builder) {
        return builder.name("vault-server")
                .authenticator(Authenticator.bearerToken(token -> Optional.ofNullable(TOKENS.get(token))))
                .serverInterceptor(countingInterceptor())
                .build();
    }

    private Interceptor countingInterceptor() {
        return chain -> {
            interceptorRuns.incrementAndGet();
            return chain.proceed();
        };
    }

    @Test
    void aValidBearerTokenIdentifiesTheCallerToTheServant() {
        server = tokenServer(Orb.builder());
        VaultImpl vault = new VaultImpl();
        RemoteRef ref = server.export(vault);
        client = Orb.builder().name("alice").bearerToken(() -> "alice-token").build();
        assertEquals("bearer:alice [user]", client.connect(ref, Vault.class).whoAmI());
    }

    @Test
    void aCallWithoutCredentialsIsRefusedBeforeAnyInterceptorOrTheServantRuns() {
        server = tokenServer(Orb.builder());
        VaultImpl vault = new VaultImpl();
        RemoteRef ref = server.export(vault);
        client = Orb.builder().name("anonymous").build();
        OrbException refused = assertThrows(OrbException.class, () -> client.connect(ref, Vault.class).whoAmI());
        assertEquals(ErrorCode.UNAUTHORIZED, refused.code(), refused.toString());
        assertEquals(Completion.NO, refused.completion());
        assertTrue(refused.getMessage().contains("bearer token"), refused.getMessage());
        assertEquals(0, vault.calls.get(), "the servant ran");
        assertEquals(0, interceptorRuns.get(), "a server interceptor ran before access control");
    }

    @Test
    void aWrongTokenIsRefusedAndTheSameConnectionServesOnceTheTokenIsRight() {
        server = tokenServer(Orb.builder());
        VaultImpl vault = new VaultImpl();
        RemoteRef ref = server.export(vault);
        AtomicReference<String> token = new AtomicReference<>("forged");
        client = Orb.builder().name("switching").bearerToken(token::get).build();
        Vault proxy = client.connect(ref, Vault.class);
        for (int i = 0; i < 20; i++) {
            OrbException refused = assertThrows(OrbException.class, proxy::whoAmI);
            assertEquals(ErrorCode.UNAUTHORIZED, refused.code());
        }
        token.set("bob-token");
        assertEquals("bearer:bob [admin]", proxy.whoAmI());
        assertEquals(1, vault.calls.get());
    }

    @Test
    void allowedRolesOnAMethodWinOverTheInterface() {
        server = tokenServer(Orb.builder());
        VaultImpl vault = new VaultImpl();
        RemoteRef ref = server.export(vault);
        client = Orb.builder().name("alice").bearerToken(() -> "alice-token").build();
        Vault asAlice = client.connect(ref, Vault.class);
        assertEquals("bearer:alice [user]", asAlice.whoAmI()); // @Allowed on the interface: any identity
        OrbException refused = assertThrows(OrbException.class, asAlice::secret);
        assertEquals(ErrorCode.UNAUTHORIZED, refused.code());
        assertTrue(refused.getMessage().contains("[admin, auditor]"), refused.getMessage());
        try (Orb bob = Orb.builder().name("bob").bearerToken(() -> "bob-token").build()) {
            assertEquals("the secret", bob.connect(ref, Vault.class).secret());
        }
        assertEquals(2, vault.calls.get());
    }

    @Test
    void theAccessPolicyDecidesPerObjectName() {
        server = Orb.builder().name("vault-server")
                .authenticator(Authenticator.bearerToken(token -> Optional.ofNullable(TOKENS.get(token))))
                .accessPolicy((identity, call) -> !call.objectId().startsWith("private/") || identity.hasRole("admin"))
                .build();
        RemoteRef open = server.export("public/vault", new VaultImpl());
        RemoteRef closed = server.export("private/vault", new VaultImpl());
        client = Orb.builder().name("alice").bearerToken(() -> "alice-token").build();
        assertEquals("bearer:alice [user]", client.connect(open, Vault.class).whoAmI());
        OrbException refused = assertThrows(OrbException.class, () -> client.connect(closed, Vault.class).whoAmI());
        assertEquals(ErrorCode.UNAUTHORIZED, refused.code());
        assertTrue(refused.getMessage().contains("private/vault"), refused.getMessage());
    }

    @Test
    void sameHostCallersOverSharedMemoryAreKnownByTheirOperatingSystemUser() {
        server = Orb.builder().name("vault-server")
                .authenticator(Authenticator.peerUser(user -> Set.of("local")))
                .build();
        RemoteRef ref = server.export(new VaultImpl());
        client = Orb.builder().name("local").build();
        assertEquals("uid:" + System.getProperty("user.name") + " [local]",
                client.connect(ref, Vault.class).whoAmI());
        try (Orb overTcp = Orb.builder().name("tcp").sharedMemory(false).build()) {
            OrbException refused = assertThrows(OrbException.class, () -> overTcp.connect(ref, Vault.class).whoAmI());
            assertEquals(ErrorCode.UNAUTHORIZED, refused.code(), "TCP proves no user: " + refused);
        }
    }

    @Test
    void anAccessPolicyWithoutAnAuthenticatorIsAConfigurationError() {
        OrbException bad = assertThrows(OrbException.class,
                () -> Orb.builder().accessPolicy((identity, call) -> true).build());
        assertEquals(ErrorCode.INVALID_CONFIGURATION, bad.code());
        assertTrue(bad.getMessage().contains("authenticator"), bad.getMessage());
    }
}
