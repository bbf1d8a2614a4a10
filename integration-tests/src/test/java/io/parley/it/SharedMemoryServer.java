package io.parley.it;

import io.parley.NamingConfig;
import io.parley.Orb;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;

/**
 * A server process for the shared-memory tests, with the Orb's defaults (shared memory on; its directory from
 * {@code -Dparley.shm.dir}): exports a {@link ShopImpl} and a {@link BlobsImpl}, prints {@code SHOP <reference>} and
 * {@code BLOBS <reference>}, and closes when its standard input ends. With {@code -Dit.naming.port=<port>} naming is
 * on, on the embedded ZooKeeper at that port, so the shop is also bound under the name {@code shop}.
 */
public final class SharedMemoryServer {
    private SharedMemoryServer() {
    }

    public static void main(String[] args) throws Exception {
        Orb.Builder builder = Orb.builder().name("shm-server");
        Integer namingPort = Integer.getInteger("it.naming.port");
        if (namingPort != null) {
            builder.naming(NamingConfig.embedded(namingPort));
        }
        Orb orb = builder.build();
        System.out.println("SHOP " + orb.export(new ShopImpl()));
        System.out.println("BLOBS " + orb.export("blobs", new BlobsImpl()));
        BufferedReader input = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        while (input.readLine() != null) {
            // Commands are not needed: the tests end the process by closing its input, or kill it.
        }
        orb.close();
    }
}
