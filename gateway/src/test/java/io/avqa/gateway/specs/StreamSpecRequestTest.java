package io.avqa.gateway.specs;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

import io.avqa.schemas.StreamSpec;
import io.vertx.core.json.JsonObject;

class StreamSpecRequestTest {
    private final StreamSpecRequest request = StreamSpecRequest.parse(new JsonObject().put("id", "cam-1")
            .put("source", "rtsp://user:pw@cam/live"));

    @Test
    void aNewIdStartsAtSeqZeroNow() {
        StreamSpec spec = request.toSpec("key:abc", 1_000_000, -1);
        assertEquals(1_000_000, spec.getOriginMs());
        assertEquals("key:abc", spec.getCreatedBy());
    }

    @Test
    void anIdThatRanBeforeGoesOnAfterItsLastSeqSoTheReasonerDoesNotIgnoreItAsLate() {
        StreamSpec spec = request.toSpec("key:abc", 1_000_000, 41);
        assertEquals(42, (1_000_000 - spec.getOriginMs()) / 1000, "seq now is the one after 41");
    }
}
