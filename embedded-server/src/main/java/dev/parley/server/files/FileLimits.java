package dev.parley.server.files;

/**
 * What a room accepts: the largest single file, the room's total storage (thumbnails included), and the
 * largest image it will decode to make a thumbnail (pixels, checked in the header before decoding).
 */
public record FileLimits(long maxFileBytes, long quotaBytes, long maxImagePixels) {
    public static final long DEFAULT_MAX_FILE_BYTES = 25L * 1024 * 1024;
    public static final long DEFAULT_QUOTA_BYTES = 2L * 1024 * 1024 * 1024;
    /** 50 megapixels: a large camera photo; decoding one as ARGB takes 200 MB, the most we allow. */
    public static final long DEFAULT_MAX_IMAGE_PIXELS = 50_000_000L;

    public FileLimits {
        if (maxFileBytes < 0 || quotaBytes < 0 || maxImagePixels < 1) {
            throw new IllegalArgumentException("file limits must not be negative");
        }
    }

    public static FileLimits defaults() {
        return new FileLimits(DEFAULT_MAX_FILE_BYTES, DEFAULT_QUOTA_BYTES, DEFAULT_MAX_IMAGE_PIXELS);
    }

    public FileLimits withMaxFileBytes(long value) {
        return new FileLimits(value, quotaBytes, maxImagePixels);
    }

    public FileLimits withQuotaBytes(long value) {
        return new FileLimits(maxFileBytes, value, maxImagePixels);
    }

    public FileLimits withMaxImagePixels(long value) {
        return new FileLimits(maxFileBytes, quotaBytes, value);
    }

    /** "25.0 MB": sizes in refusals people read. */
    public static String describe(long bytes) {
        if (bytes < 1024) {
            return bytes + " bytes";
        }
        if (bytes < 1024 * 1024) {
            return String.format(java.util.Locale.ROOT, "%.1f KB", bytes / 1024.0);
        }
        if (bytes < 1024L * 1024 * 1024) {
            return String.format(java.util.Locale.ROOT, "%.1f MB", bytes / (1024.0 * 1024));
        }
        return String.format(java.util.Locale.ROOT, "%.1f GB", bytes / (1024.0 * 1024 * 1024));
    }
}
