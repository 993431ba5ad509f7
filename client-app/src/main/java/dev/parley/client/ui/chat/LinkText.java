package dev.parley.client.ui.chat;

/**
 * What a link in chat shows and opens. Bidirectional controls and other invisible formatting
 * characters are taken out, so a link cannot show one address and open another
 * ("https://evil.example/\u202Egpj.exe" drawn backwards). Pure, any thread.
 */
public final class LinkText {
    private LinkText() {
    }

    /** The link without bidi controls, zero-width or other format characters (Unicode category Cf). */
    public static String withoutInvisibleControls(String url) {
        StringBuilder kept = new StringBuilder(url.length());
        url.codePoints()
                .filter(c -> Character.getType(c) != Character.FORMAT)
                .forEach(kept::appendCodePoint);
        return kept.toString();
    }
}
