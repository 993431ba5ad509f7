package dev.parley.client.ui.voice;

import com.github.kwhat.jnativehook.GlobalScreen;
import com.github.kwhat.jnativehook.NativeHookException;
import com.github.kwhat.jnativehook.keyboard.NativeKeyListener;
import java.util.Optional;
import java.util.logging.Level;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The process-wide jnativehook hook, registered once on first use and kept until the app quits.
 *
 * <p>Why not register per session: jnativehook 2.2.2's {@code unregisterNativeHook} shuts its event
 * dispatcher down, and the next {@code registerNativeHook} keeps that terminated dispatcher (it only
 * makes a new one when the field is null), so every key event after a Leave or Stop hosting died with
 * a RejectedExecutionException. Sessions add and remove listeners; only {@link #shutdown} unregisters.
 *
 * <p>Thread-safe.
 */
public final class GlobalKeyHook {
    private static final Logger log = LoggerFactory.getLogger(GlobalKeyHook.class);
    private static boolean registered;
    /** Set after the first failure: the platform will not change its mind, so neither retry nor log again. */
    private static boolean unavailable;

    private GlobalKeyHook() {
    }

    /** Adds {@code listener} to the system-wide hook; empty when no global hook works here. */
    public static synchronized Optional<AutoCloseable> listen(NativeKeyListener listener) {
        if (!ensureRegistered()) {
            return Optional.empty();
        }
        GlobalScreen.addNativeKeyListener(listener);
        return Optional.of(() -> GlobalScreen.removeNativeKeyListener(listener));
    }

    private static boolean ensureRegistered() {
        if (unavailable) {
            return false;
        }
        if (registered && GlobalScreen.isNativeHookRegistered()) {
            return true;
        }
        java.util.logging.Logger hookLog = java.util.logging.Logger.getLogger(GlobalScreen.class.getPackage().getName());
        hookLog.setLevel(Level.WARNING);
        hookLog.setUseParentHandlers(false);
        try {
            // A null dispatcher makes registerNativeHook create a fresh one (see the class comment).
            GlobalScreen.setEventDispatcher(null);
            GlobalScreen.registerNativeHook();
            registered = true;
            return true;
        } catch (NativeHookException | LinkageError | RuntimeException e) {
            // No display, Wayland without XWayland, no permission, or no native library for this platform.
            unavailable = true;
            log.info("Global push-to-talk is not available here ({}); the key works while Parley has focus", e.getMessage());
            return false;
        }
    }

    /** At quit: releases the hook (its thread would otherwise keep the process waiting). */
    public static synchronized void shutdown() {
        if (!registered) {
            return;
        }
        registered = false;
        try {
            GlobalScreen.unregisterNativeHook();
        } catch (NativeHookException e) {
            log.debug("Unregistering the native hook: {}", e.getMessage());
        }
    }
}
