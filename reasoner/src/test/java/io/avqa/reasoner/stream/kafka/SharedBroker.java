package io.avqa.reasoner.stream.kafka;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.Extension;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.opentest4j.TestAbortedException;

import io.avqa.schemas.topic.Topics;

/**
 * The project's shared test broker ({@code io.avqa.broker.EmbeddedKafkaExtension}), reached by name so these
 * tests compile while the module's test classpath lacks the broker test-jar; they are then skipped with a message
 * saying which dependencies to add.
 */
final class SharedBroker {
    static final String EXTENSION = "io.avqa.broker.EmbeddedKafkaExtension";
    static final String MISSING = EXTENSION + " is not on the test classpath: add io.avqa:avqa-broker (test) and "
            + "io.avqa:avqa-broker:test-jar (test) to reasoner/pom.xml to run the broker tests";

    private SharedBroker() {
    }

    /** The broker extension, or one that skips the test class when the broker is not on the classpath. */
    static Extension extension() {
        try {
            return (Extension) Class.forName(EXTENSION).getConstructor().newInstance();
        } catch (ClassNotFoundException e) {
            return (BeforeAllCallback) (ExtensionContext context) -> {
                throw new TestAbortedException(MISSING);
            };
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot create " + EXTENSION, e);
        }
    }

    static String bootstrapServers() {
        return (String) call("bootstrapServers", new Class<?>[0]);
    }

    static void createTopics(Topics topics) {
        call("createTopics", new Class<?>[] {Topics.class}, topics);
    }

    private static Object call(String name, Class<?>[] types, Object... args) {
        try {
            Method m = Class.forName(EXTENSION).getMethod(name, types);
            return m.invoke(null, args);
        } catch (InvocationTargetException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(MISSING, e);
        }
    }
}
