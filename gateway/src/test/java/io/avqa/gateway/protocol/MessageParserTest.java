package io.avqa.gateway.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class MessageParserTest {

    private static GatewayError refused(String text) {
        return assertThrows(GatewayError.class, () -> MessageParser.parse(text));
    }

    @Test
    void parsesEveryClientMessageType() {
        assertEquals(new ClientMessage.Ask("1", "cam1", "Is there a voiceover?", AskMode.ONCE),
                MessageParser.parse("{\"v\":1,\"type\":\"ask\",\"id\":\"1\",\"stream\":\"cam1\",\"question\":\"Is there a voiceover?\"}"));
        assertEquals(new ClientMessage.Ask("2", "cam1", "q", AskMode.STANDING),
                MessageParser.parse("{\"v\":1,\"type\":\"ask\",\"id\":\"2\",\"stream\":\"cam1\",\"question\":\"q\",\"mode\":\"STANDING\"}"));
        assertEquals(new ClientMessage.Cancel("3", "qid"),
                MessageParser.parse("{\"v\":1,\"type\":\"cancel\",\"id\":\"3\",\"questionId\":\"qid\"}"));
        assertEquals(new ClientMessage.Subscribe("4", "cam2"),
                MessageParser.parse("{\"v\":1,\"type\":\"subscribe\",\"id\":\"4\",\"stream\":\"cam2\"}"));
        assertEquals(new ClientMessage.Unsubscribe("5", "cam2"),
                MessageParser.parse("{\"v\":1,\"type\":\"unsubscribe\",\"id\":\"5\",\"stream\":\"cam2\"}"));
        assertEquals(new ClientMessage.Ping("6"), MessageParser.parse("{\"v\":1,\"type\":\"ping\",\"id\":\"6\"}"));
        assertEquals(new ClientMessage.Authenticate("7", "tok"),
                MessageParser.parse("{\"v\":1,\"type\":\"auth\",\"id\":\"7\",\"token\":\"tok\"}"));
    }

    @Test
    void malformedJsonIsBadJsonWithoutId() {
        for (String text : new String[] {"{not json", "[1,2]", "\"ask\"", "42", ""}) {
            GatewayError e = refused(text);
            assertEquals(ErrorCode.BAD_JSON, e.code(), text);
            assertNull(e.clientId(), text);
        }
    }

    @Test
    void unknownTypeKeepsTheClientsId() {
        GatewayError e = refused("{\"v\":1,\"type\":\"shout\",\"id\":\"a1\"}");
        assertEquals(ErrorCode.UNKNOWN_TYPE, e.code());
        assertEquals("a1", e.clientId());
    }

    @Test
    void missingFieldsNameTheFieldAndKeepTheId() {
        GatewayError noStream = refused("{\"v\":1,\"type\":\"ask\",\"id\":\"a2\",\"question\":\"q\"}");
        assertEquals(ErrorCode.MISSING_FIELD, noStream.code());
        assertEquals("a2", noStream.clientId());
        assertEquals("missing \"stream\"", noStream.getMessage());

        GatewayError noType = refused("{\"v\":1,\"id\":\"a3\"}");
        assertEquals(ErrorCode.MISSING_FIELD, noType.code());
        assertEquals("a3", noType.clientId());

        GatewayError noId = refused("{\"v\":1,\"type\":\"ping\"}");
        assertEquals(ErrorCode.MISSING_FIELD, noId.code());
        assertNull(noId.clientId());
    }

    @Test
    void wrongTypesAndValuesAreInvalidFields() {
        assertEquals(ErrorCode.INVALID_FIELD, refused("{\"v\":1,\"type\":\"ping\",\"id\":7}").code());
        GatewayError badMode = refused("{\"v\":1,\"type\":\"ask\",\"id\":\"m\",\"stream\":\"s\",\"question\":\"q\",\"mode\":\"often\"}");
        assertEquals(ErrorCode.INVALID_FIELD, badMode.code());
        assertEquals("m", badMode.clientId());
        assertEquals(ErrorCode.INVALID_FIELD,
                refused("{\"v\":1,\"type\":\"ask\",\"id\":\"m\",\"stream\":\"\",\"question\":\"q\"}").code());
    }

    @Test
    void otherProtocolVersionsAreRefused() {
        GatewayError v2 = refused("{\"v\":2,\"type\":\"ping\",\"id\":\"x\"}");
        assertEquals(ErrorCode.UNSUPPORTED_VERSION, v2.code());
        assertEquals("x", v2.clientId());
        assertEquals(ErrorCode.UNSUPPORTED_VERSION, refused("{\"type\":\"ping\",\"id\":\"x\"}").code());
    }
}
