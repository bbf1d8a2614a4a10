package io.parley.idl.tool;

import io.parley.idl.generator.IdlGenerationException;
import io.parley.idl.generator.IdlGenerator;
import io.parley.idl.javagen.JavaGenerationException;
import io.parley.idl.javagen.JavaGenerator;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The IDL generators as a command, run with the remote interfaces (or nothing more) on the class path:
 * <pre>
 * java -cp CLASSPATH io.parley.idl.tool.ParleyIdl thrift --out calculator.thrift [--namespace py=calculator] CLASS...
 * java -cp CLASSPATH io.parley.idl.tool.ParleyIdl java --out src/generated [--package com.acme] [--include DIR] FILE...
 * </pre>
 * Exits with 0 when the files were written, 1 when the input cannot be generated (the reasons are printed), 2 on a
 * usage error.
 */
public final class ParleyIdl {
    static final String USAGE = String.join("\n",
            "usage: ParleyIdl thrift --out FILE [--namespace LANG=NAMESPACE]... REMOTE_INTERFACE_CLASS...",
            "       ParleyIdl java --out SOURCE_DIR [--package JAVA_PACKAGE] [--include DIR]... IDL_FILE...");

    private ParleyIdl() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    /** Runs one command; returns the exit code. */
    static int run(String[] args, PrintStream out, PrintStream err) {
        try {
            Options options = Options.parse(args);
            if (options.command().equals("thrift")) {
                out.println("wrote " + thrift(options));
            } else {
                out.println("wrote " + java(options).size() + " Java sources under " + options.out());
            }
            return 0;
        } catch (UsageException e) {
            err.println(e.getMessage());
            err.println(USAGE);
            return 2;
        } catch (IdlGenerationException | JavaGenerationException e) {
            err.println(e.getMessage());
            return 1;
        }
    }

    private static Path thrift(Options options) {
        IdlGenerator.Builder builder = IdlGenerator.builder();
        for (String name : options.inputs()) {
            try {
                builder.service(Class.forName(name, false, Thread.currentThread().getContextClassLoader()));
            } catch (ClassNotFoundException e) {
                throw new UsageException("class " + name + " is not on the class path");
            }
        }
        for (String namespace : options.namespaces()) {
            int equals = namespace.indexOf('=');
            if (equals <= 0) {
                throw new UsageException("--namespace " + namespace + ": expected LANG=NAMESPACE");
            }
            builder.namespace(namespace.substring(0, equals), namespace.substring(equals + 1));
        }
        return builder.build().writeTo(options.out());
    }

    private static List<Path> java(Options options) {
        JavaGenerator.Builder builder = JavaGenerator.builder();
        options.inputs().forEach(file -> builder.idl(Path.of(file)));
        options.includes().forEach(dir -> builder.includePath(Path.of(dir)));
        if (options.javaPackage() != null) {
            builder.javaPackage(options.javaPackage());
        }
        return builder.build().writeTo(options.out());
    }

    /** The parsed command line. */
    record Options(String command, Path out, List<String> namespaces, String javaPackage, List<String> includes,
            List<String> inputs) {

        static Options parse(String[] args) {
            if (args.length == 0 || !(args[0].equals("thrift") || args[0].equals("java"))) {
                throw new UsageException("the first argument is the command: thrift or java");
            }
            Path out = null;
            String javaPackage = null;
            List<String> namespaces = new ArrayList<>();
            List<String> includes = new ArrayList<>();
            List<String> inputs = new ArrayList<>();
            for (int i = 1; i < args.length; i++) {
                String arg = args[i];
                switch (arg) {
                    case "--out" -> out = Path.of(value(args, ++i, arg));
                    case "--namespace" -> namespaces.add(value(args, ++i, arg));
                    case "--package" -> javaPackage = value(args, ++i, arg);
                    case "--include" -> includes.add(value(args, ++i, arg));
                    default -> {
                        if (arg.startsWith("--")) {
                            throw new UsageException("unknown option " + arg);
                        }
                        inputs.add(arg);
                    }
                }
            }
            if (out == null || inputs.isEmpty()) {
                throw new UsageException("give --out and at least one " + (args[0].equals("thrift")
                        ? "remote interface class" : "IDL file"));
            }
            return new Options(args[0], out, namespaces, javaPackage, includes, inputs);
        }

        private static String value(String[] args, int index, String option) {
            if (index >= args.length) {
                throw new UsageException(option + " needs a value");
            }
            return args[index];
        }
    }

    /** A command line that cannot be run. */
    static final class UsageException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        UsageException(String message) {
            super(message);
        }
    }
}
