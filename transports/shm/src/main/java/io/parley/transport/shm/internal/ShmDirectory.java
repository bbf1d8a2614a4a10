package io.parley.transport.shm.internal;

import io.parley.Completion;
import io.parley.UnavailableException;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The transport's private directory ({@code <base>/parley-<user>}, mode 0700, owned by this user, no symlink) and the
 * names in it: listener sockets {@code s<port>-<pid>.sock} and connection files {@code c<pid>-<seq>.ring}, which
 * exist only during a handshake. Both carry the owner's pid, so that {@link #open} can remove what dead processes
 * left behind.
 *
 * <p>Thread-safe; its methods do file system calls and may block briefly.
 */
public final class ShmDirectory {
    private static final Logger log = LoggerFactory.getLogger(ShmDirectory.class);
    private static final Pattern SOCKET = Pattern.compile("s(\\d+)-(\\d+)\\.sock");
    private static final Pattern RING = Pattern.compile("c(\\d+)-(\\d+)\\.ring");
    /** A handshake takes milliseconds; a connection file older than this whose creator is gone is stale. */
    private static final long STALE_RING_MILLIS = 10_000;
    private static final Set<PosixFilePermission> PRIVATE_DIRECTORY = PosixFilePermissions.fromString("rwx------");
    private static final Set<PosixFilePermission> PRIVATE_FILE = PosixFilePermissions.fromString("rw-------");
    private static final int ZERO_CHUNK = 64 * 1024;
    private static final long PID = ProcessHandle.current().pid();

    private final Path path;
    private final AtomicLong ringSequence = new AtomicLong();

    private ShmDirectory(Path path) {
        this.path = path;
    }

    /**
     * Opens (creating it if needed) the private directory under {@code base}, checks it and removes stale files.
     *
     * @throws UnavailableException naming the directory when it is missing, not a private directory of this user or
     *                              not writable
     */
    public static ShmDirectory open(Path base) {
        if (!Files.isDirectory(base)) {
            throw unusable(base, Files.exists(base) ? "it is not a directory" : "it does not exist", null);
        }
        Path path = base.toAbsolutePath().resolve("parley-" + System.getProperty("user.name"));
        try {
            if (!Files.exists(path, LinkOption.NOFOLLOW_LINKS)) {
                try {
                    Files.createDirectory(path, PosixFilePermissions.asFileAttribute(PRIVATE_DIRECTORY));
                } catch (java.nio.file.FileAlreadyExistsException raced) {
                    // Another transport created it at the same time; it is checked below like any other.
                }
            }
            checkPrivate(path);
            Path probe = Files.createTempFile(path, "probe-", ".tmp",
                    PosixFilePermissions.asFileAttribute(PRIVATE_FILE));
            Files.delete(probe);
        } catch (IOException | UnsupportedOperationException e) {
            throw unusable(path, e.toString(), e);
        }
        ShmDirectory directory = new ShmDirectory(path);
        directory.removeStale();
        return directory;
    }

    private static void checkPrivate(Path path) throws IOException {
        PosixFileAttributes attributes = Files.readAttributes(path, PosixFileAttributes.class,
                LinkOption.NOFOLLOW_LINKS);
        if (!attributes.isDirectory()) {
            throw new IOException(path + " is not a directory (a symbolic link or a file)");
        }
        String user = System.getProperty("user.name");
        if (!attributes.owner().getName().equals(user)) {
            throw new IOException(path + " belongs to " + attributes.owner().getName() + ", not to " + user);
        }
        if (!attributes.permissions().equals(PRIVATE_DIRECTORY)) {
            throw new IOException(path + " has mode " + PosixFilePermissions.toString(attributes.permissions())
                    + " (expected: rwx------); other users could read or write connection files");
        }
    }

    private static UnavailableException unusable(Path path, String why, Throwable cause) {
        return new UnavailableException(Completion.NO, "shared-memory directory " + path + " is unusable: " + why
                + "; set another with ShmSettings.directory or -Dparley.shm.dir", cause);
    }

    /** The directory's path. */
    public Path path() {
        return path;
    }

    // ---- stale files ----

    /** Removes connection files and listener sockets whose processes are gone. */
    public void removeStale() {
        for (Path file : list()) {
            String name = file.getFileName().toString();
            Matcher ring = RING.matcher(name);
            Matcher socket = SOCKET.matcher(name);
            if (ring.matches() && !alive(ring.group(1)) && olderThan(file, STALE_RING_MILLIS)) {
                delete(file, "connection file of a process that is gone");
            } else if (socket.matches() && !alive(socket.group(2)) && !answers(file)) {
                delete(file, "listener socket of a process that is gone");
            }
        }
    }

    private static boolean alive(String pid) {
        try {
            return ProcessHandle.of(Long.parseLong(pid)).map(ProcessHandle::isAlive).orElse(false);
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private static boolean olderThan(Path file, long millis) {
        try {
            FileTime modified = Files.getLastModifiedTime(file, LinkOption.NOFOLLOW_LINKS);
            return System.currentTimeMillis() - modified.toMillis() > millis;
        } catch (IOException e) {
            return false;
        }
    }

    /** Whether a socket accepts connections: a pid from another pid namespace may look dead while it listens. */
    private static boolean answers(Path socket) {
        try (SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            channel.connect(UnixDomainSocketAddress.of(socket));
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static void delete(Path file, String why) {
        try {
            if (Files.deleteIfExists(file)) {
                log.info("Removed {}: {}", file, why);
            }
        } catch (IOException e) {
            log.warn("Cannot remove {} ({}): {}", file, why, e.toString());
        }
    }

    private List<Path> list() {
        List<Path> files = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(path)) {
            entries.forEach(files::add);
        } catch (IOException e) {
            log.warn("Cannot list {}: {}", path, e.toString());
        }
        return files;
    }

    // ---- listener sockets ----

    /** This process's socket path for {@code port}. */
    public Path socketPath(int port) {
        return path.resolve("s" + port + "-" + PID + ".sock");
    }

    /** The sockets of live listeners on {@code port} (normally one), this process's first. */
    public List<Path> listeners(int port) {
        List<Path> found = new ArrayList<>();
        for (Path file : list()) {
            Matcher socket = SOCKET.matcher(file.getFileName().toString());
            if (socket.matches() && Integer.parseInt(socket.group(1)) == port
                    && (alive(socket.group(2)) || answers(file))) {
                if (Long.parseLong(socket.group(2)) == PID) {
                    found.add(0, file);
                } else {
                    found.add(file);
                }
            }
        }
        return found;
    }

    /** The pid in a socket's name. */
    public static long ownerOf(Path socket) {
        Matcher matcher = SOCKET.matcher(socket.getFileName().toString());
        return matcher.matches() ? Long.parseLong(matcher.group(2)) : -1;
    }

    // ---- connection files ----

    /** A new connection file, created 0600 and filled with zeros before it is mapped. Server side. */
    public MappedFile createRing(int length) throws IOException {
        Path file = path.resolve("c" + PID + "-" + ringSequence.incrementAndGet() + ".ring");
        try (FileChannel channel = FileChannel.open(file, Set.<OpenOption>of(StandardOpenOption.CREATE_NEW,
                StandardOpenOption.READ, StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS),
                PosixFilePermissions.asFileAttribute(PRIVATE_FILE))) {
            // Writing the zeros now makes a full tmpfs fail here with an IOException, instead of a SIGBUS (an
            // asynchronous InternalError) at the first touch of a page that has no memory behind it.
            ByteBuffer zeros = ByteBuffer.allocate(ZERO_CHUNK);
            for (long written = 0; written < length; ) {
                zeros.clear().limit((int) Math.min(ZERO_CHUNK, length - written));
                written += channel.write(zeros, written);
            }
            return new MappedFile(file, channel.map(FileChannel.MapMode.READ_WRITE, 0, length));
        } catch (IOException | RuntimeException e) {
            deleteQuietly(file);
            throw e;
        }
    }

    /**
     * Maps a connection file that the server named, after checking that it is a regular file of this user in this
     * directory with the expected length. Client side.
     */
    public MappedByteBuffer openRing(String name, int length) throws IOException {
        if (!RING.matcher(name).matches()) {
            throw new IOException("the server named connection file '" + name + "', not one of this transport's");
        }
        Path file = path.resolve(name);
        PosixFileAttributes attributes = Files.readAttributes(file, PosixFileAttributes.class,
                LinkOption.NOFOLLOW_LINKS);
        if (!attributes.isRegularFile() || !attributes.owner().getName().equals(System.getProperty("user.name"))
                || attributes.size() != length) {
            throw new IOException(file + " is not a regular file of this user with " + length + " bytes");
        }
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE,
                LinkOption.NOFOLLOW_LINKS)) {
            return channel.map(FileChannel.MapMode.READ_WRITE, 0, length);
        }
    }

    /** Removes a file, logging instead of failing. */
    public static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (NoSuchFileException e) {
            // Gone already.
        } catch (IOException e) {
            log.warn("Cannot remove {}: {}", file, e.toString());
        }
    }

    /** A created connection file and its mapping. */
    public record MappedFile(Path path, MappedByteBuffer buffer) {
    }
}
