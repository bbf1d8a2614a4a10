package io.parley.idl.generator;

/**
 * The Thrift annotations Parley writes into generated IDL and reads back when it generates Java from IDL. Thrift
 * compilers keep annotations they do not know and ignore them, so they cost other languages nothing.
 */
public final class IdlAnnotations {
    /**
     * On a typedef or struct that stands for a Java type Parley maps itself ({@code java.util.UUID},
     * {@code java.time.Instant}, {@code char}, ...): the Java type, so that generated Java uses it again.
     */
    public static final String JAVA_TYPE = "parley.java";

    /** On a service whose IDL name differs from its service name on the wire: the wire name. */
    public static final String SERVICE_NAME = "parley.service";

    /** On a typedef of {@code RemoteRef}: the IDL service of the object the reference points to. */
    public static final String REMOTE = "parley.remote";

    private IdlAnnotations() {
    }
}
