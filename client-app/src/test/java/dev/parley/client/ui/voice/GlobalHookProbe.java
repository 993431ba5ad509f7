package dev.parley.client.ui.voice;

import com.github.kwhat.jnativehook.GlobalScreen;
import com.github.kwhat.jnativehook.keyboard.NativeKeyEvent;
import com.github.kwhat.jnativehook.keyboard.NativeKeyListener;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Run in its own JVM on an X display by {@link GlobalKeyHookTest}: three "sessions" each listen for
 * F9, have xdotool press it system-wide, and stop listening (as Leave does). Exit code 0 when every
 * session heard the press and the release. With {@code legacy} it registers and unregisters the hook
 * per session the way PushToTalkKeys used to, for two sessions (the second one hears nothing).
 */
public final class GlobalHookProbe {
    private GlobalHookProbe() {
    }

    public static void main(String[] args) throws Exception {
        boolean legacy = args.length > 0 && args[0].equals("legacy");
        // The legacy sequence is deaf from its second session on: that session, waited out, shows it; a third
        // would only wait out another 5 s.
        int sessions = legacy ? 2 : 3;
        int heard = 0;
        for (int session = 1; session <= sessions; session++) {
            CountDownLatch pressed = new CountDownLatch(1);
            CountDownLatch released = new CountDownLatch(1);
            NativeKeyListener listener = new NativeKeyListener() {
                @Override
                public void nativeKeyPressed(NativeKeyEvent event) {
                    if (event.getKeyCode() == NativeKeyEvent.VC_F9) {
                        pressed.countDown();
                    }
                }

                @Override
                public void nativeKeyReleased(NativeKeyEvent event) {
                    if (event.getKeyCode() == NativeKeyEvent.VC_F9) {
                        released.countDown();
                    }
                }
            };
            AutoCloseable registration;
            if (legacy) {
                GlobalScreen.registerNativeHook();
                GlobalScreen.addNativeKeyListener(listener);
                registration = () -> {
                    GlobalScreen.removeNativeKeyListener(listener);
                    GlobalScreen.unregisterNativeHook();
                };
            } else {
                Optional<AutoCloseable> added = GlobalKeyHook.listen(listener);
                if (added.isEmpty()) {
                    System.out.println("no global hook on this display");
                    System.exit(3);
                }
                registration = added.get();
            }
            new ProcessBuilder("xdotool", "key", "F9").inheritIO().start().waitFor(10, TimeUnit.SECONDS);
            boolean ok = pressed.await(5, TimeUnit.SECONDS) && released.await(5, TimeUnit.SECONDS);
            System.out.println("session " + session + (ok ? " heard F9" : " heard nothing"));
            heard += ok ? 1 : 0;
            registration.close();
        }
        GlobalKeyHook.shutdown();
        System.exit(heard == sessions ? 0 : 2);
    }
}
