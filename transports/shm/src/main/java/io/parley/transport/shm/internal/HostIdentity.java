package io.parley.transport.shm.internal;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/**
 * The host identity of a shared-memory directory: 16 hex digits that two processes compute alike exactly when they
 * can reach each other through it, put into references as the host of {@code "shm"} endpoints.
 *
 * <p>It is a digest of the kernel's boot id ({@code /proc/sys/kernel/random/boot_id}) and the device and inode of the
 * private directory. The boot id, not {@code /etc/machine-id}: sockets and mapped files are shared by processes of
 * one running kernel, which containers on one host have in common, while a machine id is often the same in every
 * container of an image and in cloned virtual machines, and survives reboots that make old references stale. The
 * device and inode, not the path: containers each with their own {@code /dev/shm} mount see the same path but cannot
 * meet there, while processes that mount one directory at different paths can. Where there is no boot id (not
 * Linux), the machine id or else the host name takes its place; where the file system has no inode numbers, the
 * directory's real path does.
 */
public final class HostIdentity {
    private static final List<Path> BOOT_IDS = List.of(Path.of("/proc/sys/kernel/random/boot_id"),
            Path.of("/etc/machine-id"));

    private HostIdentity() {
    }

    /** The identity of {@code privateDirectory} on this machine. */
    public static String of(Path privateDirectory) throws IOException {
        String text = boot() + "\n" + location(privateDirectory);
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }

    private static String boot() throws IOException {
        for (Path file : BOOT_IDS) {
            try {
                String id = Files.readString(file, StandardCharsets.US_ASCII).trim();
                if (!id.isEmpty()) {
                    return id;
                }
            } catch (IOException | SecurityException e) {
                // Not Linux, or hidden from this process: try the next source.
            }
        }
        return InetAddress.getLocalHost().getHostName();
    }

    private static String location(Path directory) throws IOException {
        try {
            Object device = Files.getAttribute(directory, "unix:dev", LinkOption.NOFOLLOW_LINKS);
            Object inode = Files.getAttribute(directory, "unix:ino", LinkOption.NOFOLLOW_LINKS);
            return device + ":" + inode;
        } catch (UnsupportedOperationException | IllegalArgumentException e) {
            return directory.toRealPath().toString();
        }
    }
}
