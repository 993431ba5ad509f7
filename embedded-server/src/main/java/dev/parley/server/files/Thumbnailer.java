package dev.parley.server.files;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Optional;
import java.util.Set;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageReadParam;
import javax.imageio.ImageReader;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.MemoryCacheImageOutputStream;

/**
 * Makes the small preview of an uploaded image: at most {@value #MAX_SIDE} pixels a side and
 * {@value #MAX_BYTES} bytes, as JPEG. Guarded against decompression bombs: the dimensions are read from
 * the header first and an image over the pixel cap is refused before a single pixel is decoded; below
 * the cap the decoder subsamples, so it never holds more than a few times the thumbnail's pixels.
 * Stateless and thread-safe.
 */
public final class Thumbnailer {
    public static final int MAX_SIDE = 320;
    public static final int MAX_BYTES = 64 * 1024;
    /** What javax.imageio decodes out of the box; anything else is kept as a plain file. */
    public static final Set<String> IMAGE_TYPES = Set.of("image/png", "image/jpeg", "image/gif", "image/bmp");

    /** An image's size and its thumbnail (JPEG bytes). */
    public record Thumbnail(int width, int height, byte[] jpeg) {
    }

    /** The image's header declares more pixels than the room decodes. */
    public static final class TooManyPixels extends Exception {
        private final long width;
        private final long height;

        TooManyPixels(long width, long height) {
            super(width + "x" + height + " pixels");
            this.width = width;
            this.height = height;
        }

        public long width() {
            return width;
        }

        public long height() {
            return height;
        }
    }

    private final long maxPixels;

    public Thumbnailer(long maxPixels) {
        this.maxPixels = maxPixels;
    }

    /**
     * The thumbnail of {@code file}, or empty when no reader understands it (a truncated or odd image is
     * then kept as a plain file).
     *
     * @throws TooManyPixels when the header declares more than the cap: refuse the file
     */
    public Optional<Thumbnail> make(Path file) throws TooManyPixels {
        try (ImageInputStream in = ImageIO.createImageInputStream(file.toFile())) {
            if (in == null) {
                return Optional.empty();
            }
            Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
            if (!readers.hasNext()) {
                return Optional.empty();
            }
            ImageReader reader = readers.next();
            try {
                reader.setInput(in, true, true);
                long width = reader.getWidth(0);
                long height = reader.getHeight(0);
                if (width < 1 || height < 1 || width * height > maxPixels) {
                    throw new TooManyPixels(width, height);
                }
                ImageReadParam param = reader.getDefaultReadParam();
                // Decode only every n-th pixel: enough for a 2x-oversampled thumbnail, bounded memory.
                int step = (int) Math.max(1, Math.max(width, height) / (2L * MAX_SIDE));
                param.setSourceSubsampling(step, step, 0, 0);
                BufferedImage decoded = reader.read(0, param);
                return Optional.of(new Thumbnail((int) width, (int) height, encode(decoded)));
            } finally {
                reader.dispose();
            }
        } catch (IOException | RuntimeException e) {
            // A broken image is not a reason to refuse the file; it just gets no preview.
            return Optional.empty();
        }
    }

    private static byte[] encode(BufferedImage source) throws IOException {
        int side = MAX_SIDE;
        float quality = 0.85f;
        while (true) {
            byte[] jpeg = jpeg(scale(source, side), quality);
            if (jpeg.length <= MAX_BYTES || side <= 32) {
                return jpeg;
            }
            if (quality > 0.5f) {
                quality -= 0.15f;
            } else {
                side /= 2;
            }
        }
    }

    /**
     * Box-filter downscale by hand, on pixels only: Graphics2D would start AWT's graphics environment
     * inside the room (and inside the desktop app hosting it). Transparent pixels blend onto white,
     * since JPEG has no alpha.
     */
    static BufferedImage scale(BufferedImage source, int side) {
        int sw = source.getWidth();
        int sh = source.getHeight();
        double factor = Math.min(1.0, (double) side / Math.max(sw, sh));
        int w = Math.max(1, (int) Math.round(sw * factor));
        int h = Math.max(1, (int) Math.round(sh * factor));
        BufferedImage scaled = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        int[] row = new int[sw];
        long[] r = new long[w];
        long[] g = new long[w];
        long[] b = new long[w];
        long[] n = new long[w];
        int y0 = 0;
        for (int y = 0; y < h; y++) {
            int y1 = Math.max(y0 + 1, (int) ((long) (y + 1) * sh / h));
            java.util.Arrays.fill(r, 0);
            java.util.Arrays.fill(g, 0);
            java.util.Arrays.fill(b, 0);
            java.util.Arrays.fill(n, 0);
            for (int sy = y0; sy < y1 && sy < sh; sy++) {
                source.getRGB(0, sy, sw, 1, row, 0, sw);
                for (int sx = 0; sx < sw; sx++) {
                    int x = (int) ((long) sx * w / sw);
                    int argb = row[sx];
                    int alpha = argb >>> 24;
                    r[x] += blend((argb >> 16) & 0xff, alpha);
                    g[x] += blend((argb >> 8) & 0xff, alpha);
                    b[x] += blend(argb & 0xff, alpha);
                    n[x]++;
                }
            }
            for (int x = 0; x < w; x++) {
                long count = Math.max(1, n[x]);
                scaled.setRGB(x, y, (int) (r[x] / count) << 16 | (int) (g[x] / count) << 8 | (int) (b[x] / count));
            }
            y0 = y1;
        }
        return scaled;
    }

    private static int blend(int channel, int alpha) {
        return (channel * alpha + 255 * (255 - alpha)) / 255;
    }

    private static byte[] jpeg(BufferedImage image, float quality) throws IOException {
        ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (MemoryCacheImageOutputStream out = new MemoryCacheImageOutputStream(bytes)) {
            writer.setOutput(out);
            ImageWriteParam param = writer.getDefaultWriteParam();
            param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
            param.setCompressionQuality(quality);
            writer.write(null, new IIOImage(image, null, null), param);
        } finally {
            writer.dispose();
        }
        return bytes.toByteArray();
    }
}
