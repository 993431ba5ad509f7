package dev.parley.protocol.control;

import dev.parley.protocol.control.message.Message;
import java.util.Objects;

/**
 * One control frame: {@code {"type", "id", "ts", "payload"}}. The type is derived from the payload's
 * class, so a frame cannot claim one type and carry another.
 *
 * @param id request id (client-chosen, echoed in the reply); null on events
 * @param ts sender's clock in epoch millis (informational; the server never trusts a client's)
 */
public record Envelope(String id, long ts, Message payload) {
    public Envelope {
        Objects.requireNonNull(payload, "payload");
        if (id != null) {
            Check.line(id, "id", 1, Limits.MAX_REQUEST_ID);
        }
    }

    public String type() {
        return MessageTypes.wireName(payload.getClass());
    }

    public static Envelope request(String id, Message payload) {
        return new Envelope(id, System.currentTimeMillis(), payload);
    }

    public static Envelope event(Message payload) {
        return new Envelope(null, System.currentTimeMillis(), payload);
    }
}
