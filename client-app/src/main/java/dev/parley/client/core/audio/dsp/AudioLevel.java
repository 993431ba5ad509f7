package dev.parley.client.core.audio.dsp;

/**
 * A signal level in dBFS (0 = full scale of 16-bit PCM, 32768), never below {@link #FLOOR_DBFS}.
 *
 * @param peakDbfs largest absolute sample
 * @param rmsDbfs  root mean square; a full-scale sine is about -3 dBFS
 */
public record AudioLevel(double peakDbfs, double rmsDbfs) {

    /** Silence: 16-bit PCM cannot represent anything quieter than about -96 dBFS. */
    public static final double FLOOR_DBFS = -96.0;
    public static final AudioLevel SILENCE = new AudioLevel(FLOOR_DBFS, FLOOR_DBFS);

    public AudioLevel {
        if (Double.isNaN(peakDbfs) || Double.isNaN(rmsDbfs)) {
            throw new IllegalArgumentException("level is NaN");
        }
    }

    /** Converts an amplitude on the 16-bit scale to dBFS, clamped at {@link #FLOOR_DBFS}. */
    public static double toDbfs(double amplitude) {
        if (amplitude <= 0) {
            return FLOOR_DBFS;
        }
        return Math.max(FLOOR_DBFS, 20 * Math.log10(amplitude / 32768.0));
    }

    /** The level of one buffer of samples. */
    public static AudioLevel of(short[] samples, int offset, int length) {
        int peak = 0;
        double sumSquares = 0;
        for (int i = offset; i < offset + length; i++) {
            int s = samples[i];
            peak = Math.max(peak, Math.abs(s));
            sumSquares += (double) s * s;
        }
        double rms = length == 0 ? 0 : Math.sqrt(sumSquares / length);
        return new AudioLevel(toDbfs(peak), toDbfs(rms));
    }
}
