package io.avqa.reasoner.cli;

import io.avqa.reasoner.engine.MatmulPrecision;
import picocli.CommandLine.ITypeConverter;

/** {@code --matmul-precision fp32|bf16}, any case. */
final class PrecisionConverter implements ITypeConverter<MatmulPrecision> {
    @Override
    public MatmulPrecision convert(String value) {
        return MatmulPrecision.parse(value);
    }
}
