package dev.parley.server.voice;

import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** Collects what the relay hands to the tunnel. Thread-safe. */
final class RecordingTunnel implements VoiceTunnel {

    record Delivery(int listenerSessionId, byte[] datagram) {
    }

    private final BlockingQueue<Delivery> deliveries = new LinkedBlockingQueue<>();

    @Override
    public void deliver(int listenerSessionId, byte[] datagram) {
        deliveries.add(new Delivery(listenerSessionId, datagram));
    }

    Delivery next() throws InterruptedException {
        Delivery delivery = deliveries.poll(5, TimeUnit.SECONDS);
        if (delivery == null) {
            throw new AssertionError("nothing reached the tunnel within 5 s");
        }
        return delivery;
    }

    boolean isEmpty() {
        return deliveries.isEmpty();
    }
}
