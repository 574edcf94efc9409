package io.avqa.reasoner.cli;

import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;

import io.avqa.ops.config.ConfigTable;

/** docs/configuration.md lists exactly the options {@code avqa reasoner} declares, with their defaults. */
class ConfigurationDocTest {

    @Test
    void configurationTableMatchesTheCommandsOptions() throws Exception {
        assertNull(ConfigTable.check(Path.of("..", "docs", "configuration.md"), "reasoner", new ReasonerCommand()));
    }
}
