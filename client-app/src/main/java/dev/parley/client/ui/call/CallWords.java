package dev.parley.client.ui.call;

import dev.parley.client.core.net.RequestFailed;
import dev.parley.client.ui.fx.Failures;
import dev.parley.protocol.control.ErrorCode;
import dev.parley.protocol.control.model.CallEnd;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/** What the call bar says, in one place: each state, each way a call ends, each refusal. */
public final class CallWords {
    /** The direct message the room leaves for a missed or cancelled call, in the caller's name (PROTOCOL 25). */
    public static final String MISSED_CALL_ENTRY = "📞 Missed call";

    private CallWords() {
    }

    /** A direct message that is the room's note of a missed call: the chat draws it as a call entry. */
    public static boolean isCallEntry(dev.parley.protocol.control.model.ChatMessage message) {
        return message.toUserId() != null && !message.deleted() && MISSED_CALL_ENTRY.equals(message.text());
    }

    public static String calling(String peer) {
        return "Calling " + peer + "…";
    }

    public static String incoming(String peer) {
        return peer + " is calling";
    }

    public static String active(String peer) {
        return "In a call with " + peer;
    }

    /** "Talking to: call" or "Talking to: channel", for the toggle. */
    public static String talkingTo(boolean call) {
        return call ? "Talking to: call" : "Talking to: channel";
    }

    /** "0:42", "12:05", "1:02:03". */
    public static String elapsed(long millis) {
        long seconds = Math.max(0, millis / 1000);
        long hours = seconds / 3600;
        long minutes = seconds / 60 % 60;
        long rest = seconds % 60;
        return hours > 0 ? String.format("%d:%02d:%02d", hours, minutes, rest) : String.format("%d:%02d", minutes, rest);
    }

    /**
     * How a call ended, from my side: I placed it ({@code outgoing}) or was called. A call ended before
     * an answer is a missed call for the one who was called, however it ended (they cancelled, or 30 s passed).
     */
    public static String ended(CallEnd reason, boolean outgoing, String peer) {
        if (reason == null) {
            return "Call ended";
        }
        return switch (reason) {
            case DECLINED -> outgoing ? peer + " declined" : "Call declined";
            case CANCELLED -> outgoing ? "Call cancelled" : "Missed call from " + peer;
            case MISSED -> outgoing ? "Missed call: " + peer + " didn't answer" : "Missed call from " + peer;
            case ENDED -> "Call ended";
        };
    }

    /** Why the room would not ring {@code peer}: "bob is in another call" for busy, the room's own sentence otherwise. */
    public static String refused(Throwable failure, String peer) {
        Throwable cause = failure;
        while ((cause instanceof CompletionException || cause instanceof ExecutionException) && cause.getCause() != null) {
            cause = cause.getCause();
        }
        if (cause instanceof RequestFailed refused && refused.code() == ErrorCode.BUSY) {
            return peer + " is in another call";
        }
        return Failures.sentence(failure);
    }
}
