package dev.parley.client.ui.fx;

import java.io.IOException;
import java.io.InputStream;
import javafx.scene.text.Font;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The emoji font Parley carries: Noto Emoji (monochrome outlines, SIL Open Font License 1.1, see
 * {@code NotoEmoji-OFL.txt} beside it), so emoji in chat, reactions and the picker never draw as
 * boxes. Once loaded, JavaFX falls back to it for every character the UI font lacks, in every
 * control (labels, text fields, menus), before the fonts fontconfig suggests.
 *
 * <p>Why a bundled outline font: JavaFX on Linux draws no colour bitmap emoji (CBDT, e.g. Debian's
 * Noto Color Emoji: those draw as nothing at all), and a machine with only DejaVu draws most emoji as
 * boxes. Outline glyphs draw everywhere, in one colour (the text's).
 *
 * <p>Thread-safe; load after the JavaFX toolkit started.
 */
public final class EmojiFont {
    /** The family name the font registers under. */
    public static final String FAMILY = "Noto Emoji";
    private static final String RESOURCE = "NotoEmoji-Regular.ttf";
    private static final Logger log = LoggerFactory.getLogger(EmojiFont.class);
    private static volatile boolean loaded;

    private EmojiFont() {
    }

    /** Loads the font once (about 0.9 MB); later calls do nothing. False when it could not be loaded. */
    public static synchronized boolean load() {
        if (loaded) {
            return true;
        }
        try (InputStream in = EmojiFont.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                log.warn("The emoji font {} is missing from the app; emoji may show as boxes", RESOURCE);
                return false;
            }
            Font font = Font.loadFont(in, 13);
            if (font == null) {
                log.warn("JavaFX could not load the emoji font {}; emoji may show as boxes", RESOURCE);
                return false;
            }
            loaded = true;
            return true;
        } catch (IOException e) {
            log.warn("Could not read the emoji font {}: {}", RESOURCE, e.toString());
            return false;
        }
    }
}
