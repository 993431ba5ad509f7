package dev.parley.client.ui.fx;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.client.ui.chat.EmojiPicker;
import dev.parley.client.ui.support.AppWindow;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javafx.scene.Scene;
import javafx.scene.image.PixelReader;
import javafx.scene.image.WritableImage;
import javafx.scene.layout.FlowPane;
import javafx.scene.text.Font;
import javafx.scene.text.Text;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Emoji draw as glyphs, not as the "missing character" box, on a machine whose only font is DejaVu
 * (this one, and CI's): the app carries its own emoji font. Before, 26 of the picker's 48 emoji
 * drew as boxes here.
 */
@ExtendWith(ApplicationExtension.class)
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class EmojiFontUiTest {
    /** A code point no font has (plane 16 private use): JavaFX draws its missing-glyph box. */
    private static final String NO_SUCH_GLYPH = new String(Character.toChars(0x10FFFD));

    @RegisterExtension
    final AppWindow app = new AppWindow();

    @Test
    void everyEmojiOfThePickerDrawsAGlyphNotABox() throws Exception {
        assertThat(WaitForAsyncUtils.asyncFx(Font::getFamilies).get(10, TimeUnit.SECONDS)).contains(EmojiFont.FAMILY);
        List<String> boxes = WaitForAsyncUtils.asyncFx(() -> {
            int[] box = pixels(NO_SUCH_GLYPH);
            List<String> drawnAsBox = new ArrayList<>();
            for (String emoji : EmojiPicker.EMOJI) {
                int[] drawn = pixels(emoji);
                boolean blank = java.util.Arrays.stream(drawn).allMatch(argb -> argb == drawn[0]);
                if (blank || java.util.Arrays.equals(drawn, box)) {
                    drawnAsBox.add(emoji + " U+" + Integer.toHexString(emoji.codePointAt(0)));
                }
            }
            return drawnAsBox;
        }).get(30, TimeUnit.SECONDS);
        assertThat(boxes).as("emoji drawn as a box or as nothing").isEmpty();
    }

    /** The text drawn in the app's default font, as pixels (the size is part of the array's identity). */
    private static int[] pixels(String value) {
        Text text = new Text(value);
        text.setFont(Font.font(Font.getDefault().getFamily(), 24));
        new Scene(new FlowPane(text));
        WritableImage image = text.snapshot(null, null);
        int width = (int) image.getWidth();
        int height = (int) image.getHeight();
        int[] argb = new int[width * height + 2];
        PixelReader reader = image.getPixelReader();
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                argb[y * width + x] = reader.getArgb(x, y);
            }
        }
        argb[width * height] = width;
        argb[width * height + 1] = height;
        return argb;
    }
}
