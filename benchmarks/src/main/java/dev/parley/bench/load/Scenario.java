package dev.parley.bench.load;

import java.util.List;

/**
 * A voice load: how many clients sit in how many channels and how many of each channel's clients
 * talk at once.
 *
 * @param name              short name for the report
 * @param channelSizes      clients per channel
 * @param talkersPerChannel talking clients per channel (same length as {@code channelSizes})
 */
public record Scenario(String name, List<Integer> channelSizes, List<Integer> talkersPerChannel) {

    public Scenario {
        channelSizes = List.copyOf(channelSizes);
        talkersPerChannel = List.copyOf(talkersPerChannel);
        if (channelSizes.size() != talkersPerChannel.size() || channelSizes.isEmpty()) {
            throw new IllegalArgumentException("one talker count per channel, at least one channel");
        }
        for (int i = 0; i < channelSizes.size(); i++) {
            if (talkersPerChannel.get(i) > channelSizes.get(i) || channelSizes.get(i) < 2) {
                throw new IllegalArgumentException("channel " + i + ": bad sizes");
            }
        }
    }

    /** 32 clients in one channel, 4 talking. */
    public static Scenario lanParty() {
        return new Scenario("lan-party", List.of(32), List.of(4));
    }

    /** 300 clients in 30 channels of 10, 1 or 2 talking in each (alternating: 45 talkers). */
    public static Scenario communityEvening() {
        List<Integer> sizes = java.util.Collections.nCopies(30, 10);
        List<Integer> talkers = java.util.stream.IntStream.range(0, 30).mapToObj(i -> 1 + i % 2).toList();
        return new Scenario("community", sizes, talkers);
    }

    /** One channel, 100 listeners and 20 talkers. */
    public static Scenario flood() {
        return new Scenario("flood", List.of(120), List.of(20));
    }

    /** 500 talkers across 250 channels: 250 conversations of two, both talking (issue 16's room-size target). */
    public static Scenario wide() {
        return new Scenario("wide", java.util.Collections.nCopies(250, 2), java.util.Collections.nCopies(250, 2));
    }

    /** The CI smoke load: one channel of 4, 2 talking. */
    public static Scenario smoke() {
        return new Scenario("smoke", List.of(4), List.of(2));
    }

    public static Scenario named(String name) {
        return switch (name) {
            case "lan-party" -> lanParty();
            case "community" -> communityEvening();
            case "flood" -> flood();
            case "smoke" -> smoke();
            case "wide" -> wide();
            default -> throw new IllegalArgumentException("unknown scenario " + name
                    + " (lan-party, community, flood, wide, smoke)");
        };
    }

    public int clients() {
        return channelSizes.stream().mapToInt(Integer::intValue).sum();
    }

    public int talkers() {
        return talkersPerChannel.stream().mapToInt(Integer::intValue).sum();
    }

    /** Datagrams the relay should send per second: each talker's 50 packets to everyone else in its channel. */
    public int expectedPacketsOutPerSecond() {
        int total = 0;
        for (int i = 0; i < channelSizes.size(); i++) {
            total += talkersPerChannel.get(i) * (channelSizes.get(i) - 1) * 50;
        }
        return total;
    }
}
