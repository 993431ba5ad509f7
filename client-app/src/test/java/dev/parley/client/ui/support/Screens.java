package dev.parley.client.ui.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javafx.geometry.Bounds;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.control.Labeled;
import javafx.scene.image.PixelReader;
import javafx.scene.image.WritableImage;
import javafx.scene.text.Text;
import javax.imageio.ImageIO;

/** Screenshots of a real scene and checks that a control is on screen and readable. FX thread only. */
public final class Screens {
    /** Where the PNGs go, for a person to look at after the run. */
    public static final Path DIR = Path.of("target", "screenshots");

    private Screens() {
    }

    public static Path snapshot(Scene scene, String name) {
        WritableImage image = scene.snapshot(null);
        int width = (int) image.getWidth();
        int height = (int) image.getHeight();
        BufferedImage out = new BufferedImage(width, height, BufferedImage.TYPE_INT_ARGB);
        PixelReader pixels = image.getPixelReader();
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                out.setRGB(x, y, pixels.getArgb(x, y));
            }
        }
        try {
            Files.createDirectories(DIR);
            Path file = DIR.resolve(name + ".png");
            ImageIO.write(out, "png", file.toFile());
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The node is shown, lies wholly inside the window, and (for a button or label) shows its whole text. */
    public static void assertFullyVisible(Scene scene, String selector) {
        Node node = scene.lookup(selector);
        assertThat(node).as(selector + " exists").isNotNull();
        for (Node at = node; at != null; at = at.getParent()) {
            assertThat(at.isVisible()).as(selector + " and its parents are visible").isTrue();
        }
        Bounds bounds = node.localToScene(node.getBoundsInLocal());
        assertThat(bounds.getWidth()).as(selector + " has a width").isGreaterThan(0);
        assertThat(bounds.getMinX()).as(selector + " left edge").isGreaterThanOrEqualTo(-0.5);
        assertThat(bounds.getMinY()).as(selector + " top edge").isGreaterThanOrEqualTo(-0.5);
        assertThat(bounds.getMaxX()).as(selector + " right edge within " + scene.getWidth()).isLessThanOrEqualTo(scene.getWidth() + 0.5);
        assertThat(bounds.getMaxY()).as(selector + " bottom edge within " + scene.getHeight()).isLessThanOrEqualTo(scene.getHeight() + 0.5);
        if (node instanceof Labeled labeled && labeled.getText() != null && !labeled.getText().isEmpty()) {
            Text shown = (Text) ((Parent) node).lookup(".text");
            assertThat(shown).as(selector + " renders its text").isNotNull();
            assertThat(shown.getText()).as(selector + " is not truncated").isEqualTo(labeled.getText());
        }
    }
}
