package io.avqa.ops.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

class ConfigTableTest {

    @Command(name = "svc", mixinStandardHelpOptions = true)
    static final class Svc {
        @Option(names = "--mode", defaultValue = "live", description = "live|replay (default: ${DEFAULT-VALUE}).")
        String mode;

        @Secret
        @Option(names = "--api-token", description = "Token clients send.")
        String apiToken;
    }

    @Test
    void tableHasOneRowPerOptionWithItsVariableAndDefault() {
        String table = ConfigTable.render(new CommandLine(new Svc()).getCommandSpec());
        assertTrue(table.contains("| `mode` | `AVQA_MODE` | `live` | live\\|replay. |"), table);
        assertTrue(table.contains("| `api-token` | `AVQA_API_TOKEN` |  | **secret**"), table);
        assertEquals(4, table.lines().count(), "header, rule and two options (help/version are flags only): " + table);
    }

    @Test
    void staleSectionIsReportedAndLeftUnchanged(@TempDir Path dir) throws Exception {
        Path doc = dir.resolve("configuration.md");
        Files.writeString(doc, "# Configuration\n\n<!-- BEGIN svc -->\nold table\n<!-- END svc -->\n");
        String problem = ConfigTable.check(doc, "svc", new Svc());
        assertNotNull(problem);
        assertTrue(problem.contains("-Davqa.docs.update=true"), problem);
        assertTrue(Files.readString(doc).contains("old table"));
    }

    @Test
    void updateModeRewritesOnlyItsOwnSection(@TempDir Path dir) throws Exception {
        Path doc = dir.resolve("configuration.md");
        Files.writeString(doc, "# Configuration\n\n<!-- BEGIN svc -->\nold\n<!-- END svc -->\n\n<!-- BEGIN other -->\nkeep\n<!-- END other -->\n");
        System.setProperty(ConfigTable.UPDATE_PROPERTY, "true");
        try {
            assertNull(ConfigTable.check(doc, "svc", new Svc()));
        } finally {
            System.clearProperty(ConfigTable.UPDATE_PROPERTY);
        }
        String text = Files.readString(doc);
        assertTrue(text.contains("`AVQA_MODE`") && text.contains("keep") && !text.contains("old\n"), text);
        assertNull(ConfigTable.check(doc, "svc", new Svc()), "current after the update");
    }
}
