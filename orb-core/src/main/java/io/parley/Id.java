package io.parley;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Pins the Thrift field id of a record component or a remote method parameter, or the Thrift value of an enum
 * constant.
 *
 * <p>Without it the ids follow declaration order: the n-th record component or parameter has id n (starting at 1),
 * and the n-th enum constant has value n - 1. That default is stable as long as new components and constants are
 * only added at the end. Pin ids with {@code @Id} before reordering or removing any. Ids are between 1 and 32000
 * (values of enum constants between 0 and {@link Integer#MAX_VALUE}) and unique within their record, method or enum.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.RECORD_COMPONENT, ElementType.PARAMETER, ElementType.FIELD})
public @interface Id {
    /** The field id (records, parameters) or the value (enum constants). */
    int value();
}
