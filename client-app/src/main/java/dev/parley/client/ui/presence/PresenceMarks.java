package dev.parley.client.ui.presence;

import dev.parley.protocol.control.model.Presence;
import java.util.Optional;
import javafx.scene.control.Label;
import javafx.scene.shape.Circle;

/** How presence looks wherever a user is listed (tree, DM list, offline members): a dot and a word. UI thread only. */
public final class PresenceMarks {
    private PresenceMarks() {
    }

    /** Green online, amber away, red busy, hollow offline or invisible. */
    public static Circle dot(Presence presence) {
        Circle dot = new Circle(4);
        dot.getStyleClass().add(styleClass(presence));
        return dot;
    }

    public static String styleClass(Presence presence) {
        return switch (presence) {
            case ONLINE -> "presence-online";
            case AWAY -> "presence-away";
            case BUSY -> "presence-busy";
            case INVISIBLE, OFFLINE -> "presence-offline";
        };
    }

    /** "away", "busy", "invisible" or "offline" beside a name; nothing for online (the usual case). */
    public static Optional<Label> tag(Presence presence, String id) {
        if (presence == Presence.ONLINE) {
            return Optional.empty();
        }
        Label tag = new Label(PresenceViewModel.label(presence).toLowerCase(java.util.Locale.ROOT));
        tag.setId(id);
        tag.getStyleClass().addAll("presence-tag", styleClass(presence) + "-tag");
        return Optional.of(tag);
    }
}
