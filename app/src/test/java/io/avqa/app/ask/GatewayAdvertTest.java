package io.avqa.app.ask;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GatewayAdvertTest {

    @Test
    void aWrittenAdvertIsReadBackAndOnlyItsOwnerCanReadTheToken(@TempDir Path home) throws Exception {
        new GatewayAdvert("http://127.0.0.1:8080", "4f0c").write(home);
        assertEquals(Optional.of(new GatewayAdvert("http://127.0.0.1:8080", "4f0c")), GatewayAdvert.read(home));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(GatewayAdvert.file(home))));
        GatewayAdvert.remove(home);
        assertTrue(GatewayAdvert.read(home).isEmpty());
    }
}
