package dev.parley.server.session;

import dev.parley.protocol.control.model.Presence;
import dev.parley.protocol.control.model.Role;
import dev.parley.protocol.control.model.UserInfo;
import dev.parley.protocol.control.model.UserState;
import dev.parley.protocol.voice.VoiceKey;

/**
 * A signed-in user and where they are. Owned by the room thread: only it may read or change the
 * mutable fields (the id, name and link are fixed).
 */
public final class OnlineUser {
    private final long id;
    private final String name;
    private final ClientLink link;
    private Role role;
    private long channelId;
    private Presence presence = Presence.ONLINE;
    private boolean muted;
    private boolean selfMuted;
    private boolean deafened;
    private boolean welcomed;
    private int voiceSessionId;
    private VoiceKey voiceKey;
    private Long lastSeenWhileHidden;
    private UserState lastShownToOthers;

    public OnlineUser(long id, String name, Role role, long channelId, ClientLink link) {
        this.id = id;
        this.name = name;
        this.role = role;
        this.channelId = channelId;
        this.link = link;
    }

    public long id() {
        return id;
    }

    public String name() {
        return name;
    }

    public boolean guest() {
        return id < 0;
    }

    /** False until the user has their room snapshot; events before that would arrive out of order. */
    public boolean welcomed() {
        return welcomed;
    }

    public void markWelcomed() {
        welcomed = true;
    }

    public ClientLink link() {
        return link;
    }

    public Role role() {
        return role;
    }

    public void role(Role role) {
        this.role = role;
    }

    public long channelId() {
        return channelId;
    }

    public void channelId(long channelId) {
        this.channelId = channelId;
    }

    public Presence presence() {
        return presence;
    }

    public void presence(Presence presence) {
        this.presence = presence;
    }

    public boolean muted() {
        return muted;
    }

    public void muted(boolean muted) {
        this.muted = muted;
    }

    public boolean selfMuted() {
        return selfMuted;
    }

    public boolean deafened() {
        return deafened;
    }

    public void voiceSwitches(boolean selfMuted, boolean deafened) {
        this.selfMuted = selfMuted;
        this.deafened = deafened;
    }

    /** 0 while this user has no voice session. */
    public int voiceSessionId() {
        return voiceSessionId;
    }

    public VoiceKey voiceKey() {
        return voiceKey;
    }

    public void voice(int sessionId, VoiceKey key) {
        this.voiceSessionId = sessionId;
        this.voiceKey = key;
    }

    public UserInfo info() {
        return new UserInfo(id, name, role);
    }

    /**
     * How this user looks to {@code viewer}: an invisible user looks exactly like an offline one to
     * everyone else, down to the fields: no channel, the last-seen time others last knew, and no voice
     * switches (an offline account has none).
     */
    public UserState stateSeenBy(long viewerId) {
        if (presence == Presence.INVISIBLE && viewerId != id) {
            return new UserState(info(), Presence.OFFLINE, null, lastSeenWhileHidden, false, false, false);
        }
        return new UserState(info(), presence, channelId, null, muted, selfMuted, deafened);
    }

    /** The "last seen" others are shown while this user is invisible (null for never seen). */
    public void lastSeenWhileHidden(Long epochMillis) {
        this.lastSeenWhileHidden = epochMillis;
    }

    /**
     * Records what everyone else now sees of this user; false when it is what they saw already and
     * the user is invisible: an offline account does not send news, so neither may an invisible one.
     */
    public boolean showToOthers(UserState asOthersSeeIt) {
        boolean news = presence != Presence.INVISIBLE || !asOthersSeeIt.equals(lastShownToOthers);
        lastShownToOthers = asOthersSeeIt;
        return news;
    }

    @Override
    public String toString() {
        return name + "#" + id;
    }
}
