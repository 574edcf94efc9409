package io.avqa.ops.config;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a picocli option whose value is a secret (a token, a password, a JAAS line with a password). A secret is
 * printed as {@code ***} in the startup line and is refused in a plain configuration file, where it would sit in a
 * file checked into deployments: it comes from its environment variable, a file it names, or the flag.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.FIELD, ElementType.METHOD})
public @interface Secret {
}
