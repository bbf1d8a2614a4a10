package io.parley.idl.javagen;

import com.microsoft.thrifty.schema.Constant;
import com.microsoft.thrifty.schema.EnumType;
import com.microsoft.thrifty.schema.LoadFailedException;
import com.microsoft.thrifty.schema.Loader;
import com.microsoft.thrifty.schema.Schema;
import com.microsoft.thrifty.schema.ServiceType;
import com.microsoft.thrifty.schema.StructType;
import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.JavaFile;
import com.palantir.javapoet.TypeSpec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Generates Java source from Thrift IDL so that Parley serves and calls it: a {@link io.parley.Remote} interface per
 * service, a record per struct and union, an enum per enum, an exception class per exception, and a class of
 * constants per file. Included files are generated too. The Java is wire-compatible with every Thrift
 * implementation of the same IDL: field ids, enum values and method names are kept.
 *
 * <pre>{@code
 * List<Path> written = JavaGenerator.builder()
 *         .idl(Path.of("src/main/thrift/calculator.thrift"))
 *         .build()
 *         .writeTo(Path.of("target/generated-sources/parley"));
 * }</pre>
 *
 * <p>The IDL is parsed with Thrifty ({@code com.microsoft.thrifty:thrifty-schema}) and the Java written with
 * JavaPoet ({@code com.palantir.javapoet}).
 */
public final class JavaGenerator {
    private static final Logger LOG = LoggerFactory.getLogger(JavaGenerator.class);

    private final List<Path> files;
    private final List<Path> includePaths;
    private final String javaPackage;

    private JavaGenerator(Builder builder) {
        this.files = List.copyOf(builder.files);
        this.includePaths = List.copyOf(builder.includePaths);
        this.javaPackage = builder.javaPackage;
    }

    /** A builder; add at least one IDL file. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * The Java sources, sorted by type name.
     *
     * @throws JavaGenerationException listing every parse error and every construct Parley cannot map
     */
    public List<GeneratedSource> generate() {
        Schema schema = load();
        Problems problems = new Problems();
        JavaTypes types = new JavaTypes(javaPackage, problems);
        Map<ClassName, List<Constant>> constantsByHolder = new LinkedHashMap<>();
        Map<String, ClassName> holders = new HashMap<>();
        for (Constant constant : schema.getConstants()) {
            ClassName holder = ConstantSources.holder(types, constant);
            constantsByHolder.computeIfAbsent(holder, key -> new ArrayList<>()).add(constant);
            holders.put(constant.getName(), holder);
            holders.put(constant.getLocation().getProgramName() + "." + constant.getName(), holder);
        }
        ConstantValues values = new ConstantValues(types, holders, problems);
        StructSources structs = new StructSources(types, values, problems);
        EnumSources enums = new EnumSources(types, problems);
        ServiceSources services = new ServiceSources(types, problems);
        ConstantSources constants = new ConstantSources(types, values);

        List<JavaFile> files = new ArrayList<>();
        for (EnumType enumType : schema.getEnums()) {
            files.add(file(types.packageOf(enumType), enums.enumeration(enumType)));
        }
        List<StructType> records = new ArrayList<>(schema.getStructs());
        records.addAll(schema.getUnions());
        for (StructType struct : records) {
            if (!JavaTypes.isMappedByParley(struct)) {
                files.add(file(types.packageOf(struct), structs.record(struct)));
            }
        }
        for (StructType exception : schema.getExceptions()) {
            files.add(file(types.packageOf(exception), structs.exception(exception)));
        }
        for (ServiceType service : schema.getServices()) {
            files.add(file(types.packageOf(service), services.service(service)));
        }
        constantsByHolder.forEach((holder, list) ->
                files.add(file(holder.packageName(), constants.constants(holder, list))));
        if (!problems.isEmpty()) {
            throw new JavaGenerationException(problems.list());
        }
        List<GeneratedSource> result = new ArrayList<>();
        for (JavaFile file : files) {
            String name = file.packageName().isEmpty() ? file.typeSpec().name()
                    : file.packageName() + "." + file.typeSpec().name();
            result.add(new GeneratedSource(name, file.toString()));
        }
        result.sort(Comparator.comparing(GeneratedSource::qualifiedName));
        return result;
    }

    /**
     * Writes the sources under {@code sourceRoot}, in directories by package.
     *
     * @return the files written
     * @throws JavaGenerationException as {@link #generate()}
     * @throws UncheckedIOException    when a file cannot be written
     */
    public List<Path> writeTo(Path sourceRoot) {
        List<Path> written = new ArrayList<>();
        for (GeneratedSource source : generate()) {
            Path file = sourceRoot.resolve(source.relativePath());
            try {
                Files.createDirectories(file.getParent());
                Files.writeString(file, source.source(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write " + file, e);
            }
            written.add(file);
        }
        LOG.debug("wrote {} Java sources from {} to {}", written.size(), files, sourceRoot);
        return written;
    }

    private Schema load() {
        Loader loader = new Loader();
        files.forEach(file -> loader.addThriftFile(file.toAbsolutePath()));
        includePaths.forEach(path -> loader.addIncludePath(path.toAbsolutePath()));
        try {
            return loader.load();
        } catch (LoadFailedException e) {
            List<String> reports = e.getErrorReporter().formattedReports();
            throw new JavaGenerationException(reports.isEmpty() ? List.of(String.valueOf(e.getCause())) : reports);
        }
    }

    private static JavaFile file(String packageName, TypeSpec type) {
        return JavaFile.builder(packageName, type).skipJavaLangImports(true).indent("    ").build();
    }

    /** Which IDL files to read, where their includes are, and optionally one Java package for everything. */
    public static final class Builder {
        private final List<Path> files = new ArrayList<>();
        private final List<Path> includePaths = new ArrayList<>();
        private String javaPackage;

        private Builder() {
        }

        /** Adds an IDL file to generate Java for (with the files it includes). */
        public Builder idl(Path file) {
            files.add(Objects.requireNonNull(file, "file"));
            return this;
        }

        /** Adds a directory where {@code include} statements are looked up. */
        public Builder includePath(Path directory) {
            includePaths.add(Objects.requireNonNull(directory, "directory"));
            return this;
        }

        /** Puts every generated type in this package, instead of each file's {@code namespace java}. */
        public Builder javaPackage(String javaPackage) {
            this.javaPackage = Objects.requireNonNull(javaPackage, "javaPackage");
            return this;
        }

        /** The generator. */
        public JavaGenerator build() {
            if (files.isEmpty()) {
                throw new IllegalStateException("no IDL file to generate Java from: call idl(...) first");
            }
            return new JavaGenerator(this);
        }
    }
}
