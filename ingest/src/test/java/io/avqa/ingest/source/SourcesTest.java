package io.avqa.ingest.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;

class SourcesTest {
    @Test
    void parsesEachKindOfSource() {
        assertEquals(new FileSource(Path.of("/data/a.mp4")), Sources.parse("/data/a.mp4"));
        assertInstanceOf(NetworkSource.class, Sources.parse("rtsp://cam1:554/stream"));
        assertInstanceOf(NetworkSource.class, Sources.parse("udp://127.0.0.1:5000"));
        assertInstanceOf(NetworkSource.class, Sources.parse("srt://host:9000?mode=caller"));
        assertEquals(new DeviceSource("/dev/video0", "alsa", "hw:0"), Sources.parse("v4l2:/dev/video0?audio=alsa:hw:0"));
        assertEquals(new SyntheticSource("concert-3"), Sources.parse("synthetic:concert-3"));
    }

    @Test
    void credentialsNeverAppearInTheRedactedForm() {
        Source source = Sources.parse("rtsp://admin:s3cret@cam1.local:554/live");
        assertEquals("rtsp://***@cam1.local:554/live", source.redacted());
        assertTrue(source.location().contains("s3cret"), "FFmpeg still gets the credentials");
    }

    @Test
    void rejectsUnknownSchemesNamingTheAcceptedOnes() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Sources.parse("gopher://x/y"));
        assertTrue(e.getMessage().contains("unsupported source scheme 'gopher'"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Sources.parse("v4l2:video0"));
        assertThrows(IllegalArgumentException.class, () -> Sources.parse(" "));
    }
}
