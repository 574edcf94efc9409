package io.avqa.features.audio;

/**
 * VGGish's mel weight matrix: triangular filters equally spaced on the HTK mel scale
 * ({@code mel = 1127 ln(1 + f/700)}), edges from {@link #LOWER_HZ} to {@link #UPPER_HZ}, evaluated at the
 * FFT bin frequencies. As in VGGish's {@code mel_features.py}, the triangles are computed in mel (not Hz)
 * and the DC bin gets no weight.
 */
public final class MelFilterBank {
    public static final double LOWER_HZ = 125.0;
    public static final double UPPER_HZ = 7500.0;

    private MelFilterBank() {
    }

    public static double hzToMel(double hz) {
        return 1127.0 * Math.log(1.0 + hz / 700.0);
    }

    /** Frequency in Hz of the band edges: {@code bands + 2} values, lower edge of band i at index i, centre at i+1. */
    public static double[] bandEdgesHz(int bands) {
        double lo = hzToMel(LOWER_HZ);
        double hi = hzToMel(UPPER_HZ);
        double[] edges = new double[bands + 2];
        for (int i = 0; i < edges.length; i++) {
            double mel = lo + (hi - lo) * i / (bands + 1);
            edges[i] = 700.0 * (Math.exp(mel / 1127.0) - 1.0);
        }
        return edges;
    }

    /**
     * @param fftBins   number of one-sided FFT bins (nFft / 2 + 1)
     * @param sampleRate in Hz
     * @param bands     number of mel bands
     * @return weights [fftBins][bands], row-major
     */
    public static float[] matrix(int fftBins, int sampleRate, int bands) {
        double nyquist = sampleRate / 2.0;
        double lo = hzToMel(LOWER_HZ);
        double hi = hzToMel(UPPER_HZ);
        double[] edges = new double[bands + 2];
        for (int i = 0; i < edges.length; i++) {
            edges[i] = lo + (hi - lo) * i / (bands + 1);
        }
        float[] w = new float[fftBins * bands];
        for (int bin = 1; bin < fftBins; bin++) { // bin 0 (DC) stays zero
            double mel = hzToMel(nyquist * bin / (fftBins - 1));
            for (int band = 0; band < bands; band++) {
                double lower = (mel - edges[band]) / (edges[band + 1] - edges[band]);
                double upper = (edges[band + 2] - mel) / (edges[band + 2] - edges[band + 1]);
                w[bin * bands + band] = (float) Math.max(0.0, Math.min(lower, upper));
            }
        }
        return w;
    }
}
