package dev.parley.client.ui.friends;

import dev.parley.client.core.friends.FriendBook;
import dev.parley.client.ui.fx.Failures;
import dev.parley.client.ui.fx.UiThread;
import dev.parley.protocol.control.message.Friends;
import java.util.concurrent.CompletableFuture;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/**
 * My two "friends only" options as the room keeps them (PROTOCOL §21 {@code friend.privacy}): read
 * when the settings open, and changed in the room the moment a box is ticked. What the room answers
 * is what the boxes show; a refused change puts the box back and says why. UI thread only.
 */
public final class PrivacySettings {
    private final FriendBook book;
    private final UiThread ui;
    private final BooleanProperty dmFriendsOnly = new SimpleBooleanProperty();
    private final BooleanProperty presenceFriendsOnly = new SimpleBooleanProperty();
    /** False until the room has said what they are, and while a change is on its way. */
    private final BooleanProperty ready = new SimpleBooleanProperty();
    private final StringProperty notice = new SimpleStringProperty("Reading your privacy options from the room…");
    private final BooleanProperty noticeIsGoodNews = new SimpleBooleanProperty(true);
    /** Set while the boxes are being set from the room's answer, so that is not sent back as a change. */
    private boolean fromRoom;

    public PrivacySettings(FriendBook book, UiThread ui) {
        this.book = book;
        this.ui = ui;
        dmFriendsOnly.addListener((obs, old, now) -> {
            if (!fromRoom) {
                change(book.setPrivacy(now, null));
            }
        });
        presenceFriendsOnly.addListener((obs, old, now) -> {
            if (!fromRoom) {
                change(book.setPrivacy(null, now));
            }
        });
        book.privacy().whenComplete((privacy, failure) -> ui.run(() -> {
            if (failure != null) {
                say(false, "Your privacy options could not be read: " + Failures.sentence(failure));
                return;
            }
            show(privacy);
            ready.set(true);
            say(true, "");
        }));
    }

    private void change(CompletableFuture<Friends.Privacy> sent) {
        ready.set(false);
        say(true, "Saving…");
        sent.whenComplete((privacy, failure) -> ui.run(() -> {
            if (failure != null) {
                // Show what the room still has, not what was asked for.
                book.privacy().whenComplete((still, ignored) -> ui.run(() -> {
                    if (still != null) {
                        show(still);
                        ready.set(true);
                    }
                }));
                say(false, "Not changed: " + Failures.sentence(failure));
                return;
            }
            show(privacy);
            ready.set(true);
            say(true, "Saved in this room.");
        }));
    }

    private void show(Friends.Privacy privacy) {
        fromRoom = true;
        try {
            dmFriendsOnly.set(privacy.dmFriendsOnly());
            presenceFriendsOnly.set(privacy.presenceFriendsOnly());
        } finally {
            fromRoom = false;
        }
    }

    private void say(boolean good, String text) {
        noticeIsGoodNews.set(good);
        notice.set(text);
    }

    public BooleanProperty dmFriendsOnlyProperty() {
        return dmFriendsOnly;
    }

    public BooleanProperty presenceFriendsOnlyProperty() {
        return presenceFriendsOnly;
    }

    public BooleanProperty readyProperty() {
        return ready;
    }

    public StringProperty noticeProperty() {
        return notice;
    }

    public BooleanProperty noticeIsGoodNewsProperty() {
        return noticeIsGoodNews;
    }
}
