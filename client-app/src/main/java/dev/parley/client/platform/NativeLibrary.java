package dev.parley.client.platform;

import java.util.Locale;

/**
 * One native library found on the class path or in a jar.
 *
 * @param source   the jar or folder it was found in
 * @param entry    its path inside that jar or folder
 * @param platform what its header says it is built for ({@code linux-x64}, ...), {@code unknown} otherwise
 */
public record NativeLibrary(String source, String entry, String platform) {
    public NativeLibrary {
        if (source == null || entry == null || platform == null) {
            throw new IllegalArgumentException("A native library needs a source, an entry and a platform.");
        }
    }

    /** Which library ships it: {@code webrtc}, {@code jnativehook}, {@code javafx}, {@code jna}, {@code argon2} or {@code other}. */
    public String family() {
        String name = entry.toLowerCase(Locale.ROOT);
        String file = name.substring(name.lastIndexOf('/') + 1);
        if (file.contains("webrtc-java")) {
            return "webrtc";
        }
        if (file.contains("jnativehook")) {
            return "jnativehook";
        }
        if (name.startsWith("com/sun/jna/")) {
            return "jna";
        }
        if (file.contains("argon2")) {
            return "argon2";
        }
        if (source.toLowerCase(Locale.ROOT).contains("javafx") || file.matches(
                "(lib)?(prism|glass|decora|javafx|gstreamer|jfxmedia|jfxwebkit|api-ms-win|msvcp|vcruntime|ucrtbase).*")) {
            return "javafx";
        }
        return "other";
    }
}
