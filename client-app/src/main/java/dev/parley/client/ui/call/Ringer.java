package dev.parley.client.ui.call;

/** The sound of an incoming call. Thread-safe; never throws and never blocks its caller for a sound card. */
public interface Ringer extends AutoCloseable {

    /** Starts ringing (again until {@link #stop}); a second start while ringing changes nothing. */
    void start();

    void stop();

    @Override
    default void close() {
        stop();
    }

    /** A ringer that stays silent (view-model tests, voice without speakers). */
    static Ringer silent() {
        return new Ringer() {
            @Override
            public void start() {
            }

            @Override
            public void stop() {
            }
        };
    }
}
