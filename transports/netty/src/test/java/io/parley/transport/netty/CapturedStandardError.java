package io.parley.transport.netty;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Captures {@code System.err} (where slf4j-simple logs in tests) while open, still passing it through, so a test can
 * check what was logged.
 */
final class CapturedStandardError implements AutoCloseable {
    private final PrintStream original = System.err;
    private final ByteArrayOutputStream captured = new ByteArrayOutputStream();

    CapturedStandardError() {
        System.setErr(new PrintStream(new TeeStream(captured, original), true, StandardCharsets.UTF_8));
    }

    /** The lines logged so far that contain {@code text}. */
    List<String> linesContaining(String text) {
        String all;
        synchronized (captured) {
            all = captured.toString(StandardCharsets.UTF_8);
        }
        return Arrays.stream(all.split("\\R")).filter(line -> line.contains(text)).collect(Collectors.toList());
    }

    @Override
    public void close() {
        System.setErr(original);
    }

    private static final class TeeStream extends java.io.OutputStream {
        private final ByteArrayOutputStream copy;
        private final PrintStream target;

        TeeStream(ByteArrayOutputStream copy, PrintStream target) {
            this.copy = copy;
            this.target = target;
        }

        @Override
        public void write(int b) {
            synchronized (copy) {
                copy.write(b);
            }
            target.write(b);
        }

        @Override
        public void write(byte[] b, int off, int len) {
            synchronized (copy) {
                copy.write(b, off, len);
            }
            target.write(b, off, len);
        }
    }
}
