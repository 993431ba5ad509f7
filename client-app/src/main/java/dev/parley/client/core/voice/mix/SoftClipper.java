package dev.parley.client.core.voice.mix;

/**
 * Turns a mixed sum into a 16-bit sample without wrap-around: linear up to a knee at 75% of full
 * scale, then a tanh curve that approaches but never reaches full scale. The curve has slope 1 at
 * the knee, so quiet and normal speech pass untouched and loud overlaps bend instead of cracking.
 */
public final class SoftClipper {

    private static final double FULL_SCALE = Short.MAX_VALUE;
    static final int KNEE = 24_576;
    private static final double HEADROOM = FULL_SCALE - KNEE;

    private SoftClipper() {
    }

    public static short clip(int sum) {
        int magnitude = Math.abs(sum);
        if (magnitude <= KNEE) {
            return (short) sum;
        }
        double bent = KNEE + HEADROOM * Math.tanh((magnitude - KNEE) / HEADROOM);
        int limited = (int) Math.min(bent, FULL_SCALE);
        return (short) (sum < 0 ? -limited : limited);
    }
}
