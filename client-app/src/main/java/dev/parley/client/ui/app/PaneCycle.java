package dev.parley.client.ui.app;

import java.util.List;
import java.util.function.Supplier;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;

/**
 * F6 and Shift+F6 move the keyboard focus between the main window's regions (channel tree, direct
 * messages, message box, voice bar), as in a browser or a mail client. Opening a conversation puts the
 * caret in the message box; F6 is the way back to the tree without a mouse, where Shift+F10 or the Menu
 * key then open the selected row's menu.
 */
final class PaneCycle {
    /** One region: the node that holds it, and the node that takes the focus when the region is entered. */
    record Region(Node area, Supplier<Node> entry) {
        boolean canTakeFocus() {
            Node node = entry.get();
            return node != null && node.isVisible() && !node.isDisabled() && node.getScene() != null;
        }
    }

    private final List<Region> regions;

    private PaneCycle(List<Region> regions) {
        this.regions = List.copyOf(regions);
    }

    /** Installs the cycle on {@code window}: an event filter, so F6 works whatever has the focus inside it. */
    static void install(Parent window, List<Region> regions) {
        PaneCycle cycle = new PaneCycle(regions);
        window.addEventFilter(KeyEvent.KEY_PRESSED, event -> {
            if (event.getCode() == KeyCode.F6 && !event.isControlDown() && !event.isAltDown() && !event.isMetaDown()) {
                cycle.move(window.getScene() == null ? null : window.getScene().getFocusOwner(), !event.isShiftDown());
                event.consume();
            }
        });
    }

    /** Focuses the next (or previous) region that can take the focus, after the one holding {@code focused}. */
    void move(Node focused, boolean forward) {
        int current = indexOf(focused);
        int count = regions.size();
        for (int step = 1; step <= count; step++) {
            int start = current < 0 ? (forward ? -1 : count) : current;
            Region next = regions.get(Math.floorMod(start + (forward ? step : -step), count));
            if (next.canTakeFocus()) {
                next.entry().get().requestFocus();
                return;
            }
        }
    }

    private int indexOf(Node focused) {
        for (Node node = focused; node != null; node = node.getParent()) {
            for (int i = 0; i < regions.size(); i++) {
                if (regions.get(i).area() == node) {
                    return i;
                }
            }
        }
        return -1;
    }
}
