package dev.parley.server.files;

import picocli.CommandLine.Option;

/**
 * The headless server's file options, mixed into its command line; like every option they can also
 * come from the config file ({@code max-file-size = 50}) or the environment ({@code PARLEY_FILE_QUOTA}).
 * Read on the main thread once the options are parsed.
 */
public final class FileOptions {
    private static final long MB = 1024L * 1024;

    @Option(names = "--max-file-size", paramLabel = "MB",
            description = "Largest file people may send into chat, in megabytes. Default: 25.")
    long maxFileMegabytes = FileLimits.DEFAULT_MAX_FILE_BYTES / MB;

    @Option(names = "--file-quota", paramLabel = "MB",
            description = "Storage all the room's files may take together (the same file sent twice counts once), "
                    + "in megabytes; 0 refuses every file. Default: 2048.")
    long quotaMegabytes = FileLimits.DEFAULT_QUOTA_BYTES / MB;

    /** The limits asked for; a negative size is refused with a sentence naming the option. */
    public FileLimits limits() {
        if (maxFileMegabytes < 0 || quotaMegabytes < 0) {
            throw new IllegalArgumentException("--max-file-size and --file-quota must not be negative.");
        }
        return FileLimits.defaults().withMaxFileBytes(maxFileMegabytes * MB).withQuotaBytes(quotaMegabytes * MB);
    }
}
