package dev.parley.client.ui.files;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import javafx.scene.image.Image;
import javafx.scene.image.PixelReader;

/** JavaFX images to PNG files, without javafx-swing (FX pixels into a BufferedImage for ImageIO). Stateless. */
final class Snapshots {
    private Snapshots() {
    }

    static void writePng(Image image, Path file) throws IOException {
        int width = (int) image.getWidth();
        int height = (int) image.getHeight();
        PixelReader pixels = image.getPixelReader();
        if (pixels == null || width < 1 || height < 1) {
            throw new IOException("the clipboard image has no pixels");
        }
        BufferedImage out = new BufferedImage(width, height, BufferedImage.TYPE_INT_ARGB);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                out.setRGB(x, y, pixels.getArgb(x, y));
            }
        }
        if (!javax.imageio.ImageIO.write(out, "png", file.toFile())) {
            throw new IOException("no PNG writer");
        }
    }
}
