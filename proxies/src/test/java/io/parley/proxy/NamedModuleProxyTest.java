package io.parley.proxy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.parley.spi.InterfaceDescriptor;
import java.io.IOException;
import java.lang.module.Configuration;
import java.lang.module.ModuleFinder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A remote interface in a named module that exports its package but does not open it to Parley: the proxy class
 * cannot be defined next to it, and goes to a private class loader instead, with no {@code --add-opens}.
 */
class NamedModuleProxyTest {

    @Test
    void interfaceInPackageNotOpenToParleyGetsAPrivateChildLoader(@TempDir Path dir) throws Exception {
        Class<?> greeter = compileModule(dir).findLoader("acme").loadClass("com.acme.api.Greeter");
        assertTrue(greeter.getModule().isNamed());
        assertFalse(greeter.getModule().isOpen("com.acme.api", getClass().getModule()));
        RecordingInvoker invoker = new RecordingInvoker("parley://acme").returns("hello ann");

        Object proxy = new ByteBuddyProxyFactory().create(InterfaceDescriptor.of(greeter), invoker);

        assertNotSame(greeter.getClassLoader(), proxy.getClass().getClassLoader());
        assertSame(greeter.getClassLoader(), proxy.getClass().getClassLoader().getParent());
        assertEquals("com.acme.api.Greeter$ParleyProxy", proxy.getClass().getName());
        assertEquals("hello ann", greeter.getMethod("greet", String.class).invoke(proxy, "ann"));
        assertEquals(new RecordingInvoker.Call(0, List.of("ann")), invoker.lastCall());
    }

    /** Compiles module {@code acme} (exports, does not open, {@code com.acme.api}) and defines it in a new layer. */
    private ModuleLayer compileModule(Path dir) throws IOException {
        Path sources = dir.resolve("src");
        Path classes = dir.resolve("classes");
        Files.createDirectories(sources.resolve("com/acme/api"));
        Files.writeString(sources.resolve("module-info.java"), "module acme { exports com.acme.api; }");
        Files.writeString(sources.resolve("com/acme/api/Greeter.java"),
                "package com.acme.api; @io.parley.Remote public interface Greeter { String greet(String name); }");
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        int status = javac.run(null, null, null, "-d", classes.toString(),
                "--class-path", System.getProperty("java.class.path"), "--add-reads", "acme=ALL-UNNAMED",
                sources.resolve("module-info.java").toString(),
                sources.resolve("com/acme/api/Greeter.java").toString());
        assertEquals(0, status, "javac exit status");

        Configuration configuration = ModuleLayer.boot().configuration()
                .resolve(ModuleFinder.of(classes), ModuleFinder.of(), Set.of("acme"));
        return ModuleLayer.boot().defineModulesWithOneLoader(configuration, getClass().getClassLoader());
    }
}
