package io.avqa.app.tail;

import java.nio.ByteBuffer;
import java.util.Collection;
import java.util.Map;

import org.apache.avro.Schema;
import org.apache.avro.generic.GenericContainer;
import org.apache.avro.generic.IndexedRecord;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Renders Avro records as JSON for people: byte fields become a size summary ("<32000 bytes>") and long
 * numeric arrays show their first values and their length, so a segment or embedding fits on one line.
 */
public final class RecordJson {
    static final int ARRAY_PREVIEW = 6;
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private RecordJson() {
    }

    public static JsonNode of(IndexedRecord record) {
        return value(record);
    }

    private static JsonNode value(Object v) {
        if (v == null) {
            return JSON.nullNode();
        }
        if (v instanceof IndexedRecord record) {
            ObjectNode node = JSON.objectNode();
            for (Schema.Field field : record.getSchema().getFields()) {
                node.set(field.name(), value(record.get(field.pos())));
            }
            return node;
        }
        if (v instanceof ByteBuffer bytes) {
            return JSON.textNode("<" + bytes.remaining() + " bytes>");
        }
        if (v instanceof Collection<?> list) {
            ArrayNode array = JSON.arrayNode();
            boolean numeric = !list.isEmpty() && list.iterator().next() instanceof Number;
            int shown = 0;
            for (Object item : list) {
                if (numeric && shown == ARRAY_PREVIEW) {
                    array.add("... " + list.size() + " values");
                    break;
                }
                array.add(value(item));
                shown++;
            }
            return array;
        }
        if (v instanceof Map<?, ?> map) {
            ObjectNode node = JSON.objectNode();
            map.forEach((k, val) -> node.set(String.valueOf(k), value(val)));
            return node;
        }
        if (v instanceof Float f) {
            return JSON.numberNode(f);
        }
        if (v instanceof Double d) {
            return JSON.numberNode(d);
        }
        if (v instanceof Integer i) {
            return JSON.numberNode(i);
        }
        if (v instanceof Long l) {
            return JSON.numberNode(l);
        }
        if (v instanceof Boolean b) {
            return JSON.booleanNode(b);
        }
        if (v instanceof GenericContainer || v instanceof Enum<?>) {
            return JSON.textNode(v.toString());
        }
        return JSON.textNode(String.valueOf(v));
    }
}
