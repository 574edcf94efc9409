package io.avqa.gateway.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Set;

import org.junit.jupiter.api.Test;

class StaticTokensTest {

    @Test
    void parsesEntriesFromFlagOrFileSyntax() {
        StaticTokens tokens = StaticTokens.parse("admin=*; viewer = cam1, cam2\n# a comment\n\nother=cam3");
        assertEquals(3, tokens.size());
        assertTrue(tokens.lookup("admin").allows("anything"));
        Grant viewer = tokens.lookup("viewer");
        assertEquals(Set.of("cam1", "cam2"), viewer.streams());
        assertTrue(viewer.allows("cam2"));
        assertFalse(viewer.allows("cam3"));
        assertNull(tokens.lookup("nobody"));
    }

    @Test
    void subjectsDoNotRevealTheKey() {
        Grant grant = StaticTokens.parse("supersecret=*").lookup("supersecret");
        assertTrue(grant.subject().startsWith("key:"));
        assertFalse(grant.subject().contains("supersecret"));
        assertEquals(grant.subject(), StaticTokens.parse("supersecret=cam1").lookup("supersecret").subject());
    }

    @Test
    void malformedEntriesAreRefusedWithTheirPosition() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> StaticTokens.parse("ok=*;broken"));
        assertTrue(e.getMessage().contains("entry 2"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> StaticTokens.parse("a=*;a=cam1"));
        assertThrows(IllegalArgumentException.class, () -> StaticTokens.parse("a= , "));
    }

    @Test
    void plusAdminMarksAKeyThatManagesStreams() {
        StaticTokens tokens = StaticTokens.parse("ops=*, +admin;viewer=cam1;manager=+admin");
        Grant ops = tokens.lookup("ops");
        assertTrue(ops.admin());
        assertEquals(Set.of("*"), ops.streams(), "+admin is a capability, not a stream");
        assertFalse(tokens.lookup("viewer").admin());
        Grant manager = tokens.lookup("manager");
        assertTrue(manager.admin());
        assertFalse(manager.allows("cam1"), "+admin alone grants no stream to watch");
    }

    @Test
    void anUnknownCapabilityIsRefusedNamingTheOneThereIs() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> StaticTokens.parse("ok=*;s3cret=*,+admn"));
        assertEquals("token entry 2 has an unknown capability \"+admn\": the only one is +admin (e.g. ops=*,+admin)",
                e.getMessage());
        assertFalse(e.getMessage().contains("s3cret"), "the message never shows the key");
    }
}
