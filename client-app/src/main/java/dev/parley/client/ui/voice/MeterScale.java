package dev.parley.client.ui.voice;

/** The level meter's scale: -60..0 dBFS drawn as 0..1; quieter is empty. Stateless. */
public final class MeterScale {
    public static final double FLOOR_DBFS = -60;

    private MeterScale() {
    }

    public static double toMeter(double dbfs) {
        return Math.max(0, Math.min(1, (dbfs - FLOOR_DBFS) / -FLOOR_DBFS));
    }

    public static double toDbfs(double meter) {
        return FLOOR_DBFS + Math.max(0, Math.min(1, meter)) * -FLOOR_DBFS;
    }
}
