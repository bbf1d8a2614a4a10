package io.parley.interop;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs Debian's Thrift tools from tests: the {@code thrift} compiler and {@code /usr/bin/python3} (Debian's Python,
 * where python3-thrift is installed; the {@code python3} on PATH may be another one). Every run is bounded in time
 * and its process is destroyed when the bound passes.
 */
final class ThriftTools {
    /** Debian's Python: python3-thrift installs its module there. */
    static final Path PYTHON = Path.of("/usr/bin/python3");
    private static final String INSTALL = "run interop-tests/src/test/sh/ensure-thrift-tools.sh as root, or "
            + "apt-get install -y thrift-compiler python3-thrift";

    private ThriftTools() {
    }

    /** What a finished process printed (standard output and error together) and its exit code. */
    record Result(int exitCode, String output) {
    }

    /** Runs {@code thrift --gen language -out out idl} and fails the test unless the compiler accepts the IDL. */
    static Path generate(String language, Path idl, Path out) throws IOException {
        Files.createDirectories(out);
        Result result = run(List.of(thrift(), "--gen", language, "-out", out.toString(), idl.toString()), Map.of(),
                Duration.ofSeconds(60), out.getParent());
        if (result.exitCode() != 0 || result.output().contains("[WARNING")) {
            fail("thrift --gen " + language + " " + idl.getFileName() + " exited with " + result.exitCode()
                    + " (warnings count as failures):\n" + result.output());
        }
        return out;
    }

    /** Runs a Python script with Debian's Python and {@code pythonPath} as {@code PYTHONPATH}. */
    static Result python(Path script, Path pythonPath, Duration timeout, String... args) throws IOException {
        if (!Files.isExecutable(PYTHON)) {
            fail(PYTHON + " is missing: " + INSTALL);
        }
        List<String> command = new ArrayList<>(List.of(PYTHON.toString(), "-u", script.toString()));
        command.addAll(List.of(args));
        return run(command, Map.of("PYTHONPATH", pythonPath.toString()), timeout, pythonPath);
    }

    /** Runs {@code command}, its output going to a file in {@code workDir}, for at most {@code timeout}. */
    static Result run(List<String> command, Map<String, String> environment, Duration timeout, Path workDir)
            throws IOException {
        Path log = Files.createTempFile(workDir, "process-", ".log");
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(log.toFile()).directory(workDir.toFile());
        builder.environment().putAll(environment);
        Process process = builder.start();
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                fail(String.join(" ", command) + " did not finish within " + timeout + ":\n"
                        + Files.readString(log, StandardCharsets.UTF_8));
            }
            return new Result(process.exitValue(), Files.readString(log, StandardCharsets.UTF_8));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
            throw new IllegalStateException("interrupted while running " + command, e);
        } finally {
            Files.deleteIfExists(log);
        }
    }

    private static String thrift() {
        for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin").split(java.io.File.pathSeparator)) {
            Path candidate = Path.of(dir, "thrift");
            if (Files.isExecutable(candidate)) {
                return candidate.toString();
            }
        }
        return fail("the thrift compiler is not on PATH: " + INSTALL);
    }
}
