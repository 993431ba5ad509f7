package dev.parley.client.core.voice.e2e;

/** Lets tests in other packages (the CLI's) use the same speech comparison. */
public final class EnvelopeAccess {

    private EnvelopeAccess() {
    }

    public static double bestCorrelation(short[] reference, short[] recording) {
        return Envelope.bestCorrelation(reference, recording);
    }
}
