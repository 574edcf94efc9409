package io.avqa.schemas.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.ArrayList;
import java.util.List;

import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaCompatibility.SchemaCompatibilityType;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Every current schema must read data written with each released version (backward compatibility),
 * checked with Avro's own {@link SchemaCompatibility} against the committed copies in schema-history/.
 */
class SchemaCompatibilityTest {

    @TestFactory
    List<DynamicTest> everySchemaReadsEveryReleasedVersion() {
        List<DynamicTest> tests = new ArrayList<>();
        for (AvroCodec<?> codec : Contracts.ALL) {
            String name = codec.type().getSimpleName();
            for (String version : Contracts.RELEASED_VERSIONS) {
                if (!Contracts.existedAt(name, version)) {
                    tests.add(DynamicTest.dynamicTest(name + " did not exist at " + version, () -> assertNull(
                            Contracts.released(name, version), "schema-history/" + version + "/" + name
                                    + ".avsc exists: update Contracts.FIRST_RELEASED")));
                    continue;
                }
                tests.add(DynamicTest.dynamicTest(name + " reads " + version, () -> {
                    Schema released = Contracts.released(name, version);
                    assertNotNull(released, "schema-history/" + version + "/" + name + ".avsc is missing");
                    var result = SchemaCompatibility.checkReaderWriterCompatibility(codec.schema(), released);
                    assertEquals(SchemaCompatibilityType.COMPATIBLE, result.getType(),
                            name + " cannot read " + version + ": " + result.getResult().getIncompatibilities());
                }));
            }
        }
        return tests;
    }

    @TestFactory
    List<DynamicTest> checkerCatchesABreakingChange() {
        // Guard that the check can fail: a new required field without default breaks old data.
        Schema released = Contracts.released("Question", "v1");
        List<Schema.Field> fields = new ArrayList<>();
        released.getFields().forEach(f -> fields.add(new Schema.Field(f, f.schema())));
        fields.add(new Schema.Field("priority", Schema.create(Schema.Type.INT), "new, no default", (Object) null));
        Schema breaking = Schema.createRecord(released.getName(), null, released.getNamespace(), false, fields);
        return List.of(DynamicTest.dynamicTest("required field without default is incompatible", () -> assertEquals(
                SchemaCompatibilityType.INCOMPATIBLE,
                SchemaCompatibility.checkReaderWriterCompatibility(breaking, released).getType())));
    }
}
