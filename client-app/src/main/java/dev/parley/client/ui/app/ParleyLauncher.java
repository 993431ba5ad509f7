package dev.parley.client.ui.app;

import dev.parley.server.ServerMain;
import java.util.Arrays;
import javafx.application.Application;

/**
 * The desktop app's entry point. It must not extend {@link Application}: on a plain classpath the
 * JavaFX launcher refuses such a main class (FIELD-NOTES). {@code --server [options]} runs the
 * headless room server instead (same options as {@code parley-server}), so one install does both;
 * a {@code parley://} link as the first argument opens the app and joins (see {@link ParleyApp}).
 */
public final class ParleyLauncher {
    public static final String SERVER_FLAG = "--server";

    private ParleyLauncher() {
    }

    public static void main(String[] args) {
        if (args.length > 0 && SERVER_FLAG.equals(args[0])) {
            ServerMain.main(Arrays.copyOfRange(args, 1, args.length));
            return;
        }
        Application.launch(ParleyApp.class, args);
    }
}
