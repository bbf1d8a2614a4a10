package io.parley.idl.javagen;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

/**
 * Compiles generated Java sources with the JDK's compiler, against this test's class path, and loads the classes:
 * how tests prove that generated code compiles and that Parley accepts it.
 */
public final class JavaSourceCompiler {
    private JavaSourceCompiler() {
    }

    /**
     * Writes {@code sources} under {@code dir}/src, compiles them (with {@code -parameters}, as Parley's build does)
     * into {@code dir}/classes and returns a class loader for them.
     *
     * @throws AssertionError with javac's messages when they do not compile
     */
    public static URLClassLoader compile(List<GeneratedSource> sources, Path dir) throws IOException {
        Path sourceRoot = dir.resolve("src");
        Path classes = Files.createDirectories(dir.resolve("classes"));
        List<String> arguments = new ArrayList<>(List.of("-d", classes.toString(), "-parameters", "-Xlint:all,-path",
                "-Werror", "--release", "17", "-classpath", System.getProperty("java.class.path")));
        for (GeneratedSource source : sources) {
            Path file = sourceRoot.resolve(source.relativePath());
            Files.createDirectories(file.getParent());
            Files.writeString(file, source.source());
            arguments.add(file.toString());
        }
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        ByteArrayOutputStream messages = new ByteArrayOutputStream();
        int exit = javac.run(null, messages, messages, arguments.toArray(String[]::new));
        if (exit != 0) {
            StringBuilder listing = new StringBuilder();
            for (GeneratedSource source : sources) {
                listing.append("\n=== ").append(source.qualifiedName()).append('\n').append(source.source());
            }
            throw new AssertionError("javac failed:\n" + messages.toString(StandardCharsets.UTF_8) + listing);
        }
        return new URLClassLoader(new URL[] {classes.toUri().toURL()}, JavaSourceCompiler.class.getClassLoader());
    }
}
