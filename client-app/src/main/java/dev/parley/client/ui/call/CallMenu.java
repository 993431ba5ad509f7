package dev.parley.client.ui.call;

import dev.parley.client.ui.room.UserNode;
import dev.parley.protocol.control.model.Role;
import java.util.List;
import javafx.scene.control.MenuItem;

/**
 * "Call" in another person's menu in the channel tree. Calls are for accounts only (the room refuses
 * guests either way), so a guest's row, or any row while I am a guest, has no entry rather than one
 * that is refused. Disabled while I am in a call or one rings. UI thread only.
 */
public final class CallMenu {
    private CallMenu() {
    }

    public static List<MenuItem> items(CallViewModel calls, UserNode user, Role myRole) {
        if (user.self() || myRole == Role.GUEST || user.state().user().role() == Role.GUEST) {
            return List.of();
        }
        MenuItem call = new MenuItem("Call " + user.name());
        call.setId("menu-call");
        call.disableProperty().bind(calls.inCallProperty());
        call.setOnAction(event -> calls.call(user.id(), user.name()));
        return List.of(call);
    }

    /** Whether I may call at all: guests cannot. */
    public static boolean canCall(Role myRole) {
        return myRole != null && myRole != Role.GUEST;
    }
}
