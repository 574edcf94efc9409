package io.avqa.features.audio;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class AudioLevelMeterTest {

    static ByteBuffer sine(double amplitude, double hz) {
        ByteBuffer b = ByteBuffer.allocate(32000).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < 16000; i++) {
            b.putShort((short) Math.round(amplitude * 32767 * Math.sin(2 * Math.PI * hz * i / 16000)));
        }
        return b.flip();
    }

    @Test
    void aSineReadsItsRmsInDbfs() {
        // RMS of a sine is its amplitude / sqrt(2): half scale -> -6.02 - 3.01 = -9.03 dBFS
        assertEquals(-9.03, AudioLevelMeter.dbfs(sine(0.5, 1000)), 0.05);
        assertEquals(-29.03, AudioLevelMeter.dbfs(sine(0.05, 440)), 0.05);
    }

    @Test
    void silenceReadsTheFloorAndTheBufferIsNotConsumed() {
        ByteBuffer silent = ByteBuffer.allocate(32000);
        assertEquals(AudioLevelMeter.SILENCE_DB, AudioLevelMeter.dbfs(silent));
        assertEquals(32000, silent.remaining());
        assertEquals(AudioLevelMeter.SILENCE_DB, AudioLevelMeter.dbfs(ByteBuffer.allocate(0)));
    }
}
