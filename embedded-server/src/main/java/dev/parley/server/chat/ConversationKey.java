package dev.parley.server.chat;

/**
 * Where a message lives: a channel or a direct conversation between two accounts. A direct key sorts
 * its pair, so both directions name the same conversation. {@link #key()} is the stable string form
 * stored in the database ({@code c:5}, {@code d:3:7}).
 */
public sealed interface ConversationKey permits ConversationKey.Channel, ConversationKey.Direct {

    String key();

    static Channel channel(long channelId) {
        return new Channel(channelId);
    }

    /** The conversation between two distinct accounts, in either order. */
    static Direct direct(long accountA, long accountB) {
        return new Direct(Math.min(accountA, accountB), Math.max(accountA, accountB));
    }

    /** Parses {@link #key()} back. @throws IllegalArgumentException if malformed */
    static ConversationKey parse(String key) {
        String[] parts = key.split(":", -1);
        try {
            if (parts.length == 2 && parts[0].equals("c")) {
                return channel(Long.parseLong(parts[1]));
            }
            if (parts.length == 3 && parts[0].equals("d")) {
                return new Direct(Long.parseLong(parts[1]), Long.parseLong(parts[2]));
            }
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("bad conversation key: " + key, e);
        }
        throw new IllegalArgumentException("bad conversation key: " + key);
    }

    record Channel(long channelId) implements ConversationKey {
        @Override
        public String key() {
            return "c:" + channelId;
        }
    }

    record Direct(long lowAccountId, long highAccountId) implements ConversationKey {
        public Direct {
            if (lowAccountId >= highAccountId) {
                throw new IllegalArgumentException("direct conversation needs two distinct accounts, low first: "
                        + lowAccountId + ", " + highAccountId);
            }
        }

        public boolean involves(long accountId) {
            return accountId == lowAccountId || accountId == highAccountId;
        }

        /** The other participant. */
        public long peerOf(long accountId) {
            return accountId == lowAccountId ? highAccountId : lowAccountId;
        }

        @Override
        public String key() {
            return "d:" + lowAccountId + ":" + highAccountId;
        }
    }
}
