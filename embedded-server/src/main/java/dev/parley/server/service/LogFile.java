package dev.parley.server.service;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.rolling.RollingFileAppender;
import ch.qos.logback.core.rolling.SizeAndTimeBasedRollingPolicy;
import ch.qos.logback.core.util.FileSize;
import dev.parley.server.ServerException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.slf4j.LoggerFactory;

/**
 * The headless server's log file: everything the log shows on stderr also goes to
 * {@code parley-server.log} in a folder (by default {@code logs} in the room's data folder), rolled
 * daily and at 10 MB, compressed, kept 14 days and at most 200 MB, so a room that runs for months
 * never fills its disk with logs. Set up once on the main thread before the room starts.
 */
public final class LogFile implements AutoCloseable {
    public static final String FILE_NAME = "parley-server.log";
    private static final String PATTERN = "%d{yyyy-MM-dd HH:mm:ss.SSS} %-5level [%thread] %logger{24} - %msg%n";

    private final RollingFileAppender<ILoggingEvent> appender;

    private LogFile(RollingFileAppender<ILoggingEvent> appender) {
        this.appender = appender;
    }

    /** Parses a {@code --log-level} value: error, warn, info, debug or trace. */
    public static Level level(String name) {
        Level level = Level.toLevel(name.strip().toUpperCase(Locale.ROOT), null);
        if (level == null || level == Level.ALL || level == Level.OFF) {
            throw new ServerException("Unknown log level '" + name + "': use error, warn, info, debug or trace.");
        }
        return level;
    }

    /** Sets how much the server logs, to stderr and to the file alike. */
    public static void setLevel(Level level) {
        root().setLevel(level);
    }

    /** Starts writing the log to {@code directory/parley-server.log} as well as to stderr. */
    public static LogFile open(Path directory) {
        try {
            Files.createDirectories(directory);
        } catch (IOException e) {
            throw new ServerException("Cannot create the log folder " + directory + ": " + e.getMessage()
                    + " (choose another with --log-dir, or --no-log-file)", e);
        }
        if (!Files.isWritable(directory)) {
            throw new ServerException("Cannot write to the log folder " + directory
                    + " (choose another with --log-dir, or --no-log-file)");
        }
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        PatternLayoutEncoder encoder = new PatternLayoutEncoder();
        encoder.setContext(context);
        encoder.setPattern(PATTERN);
        encoder.start();

        RollingFileAppender<ILoggingEvent> appender = new RollingFileAppender<>();
        appender.setContext(context);
        appender.setName("FILE");
        appender.setFile(directory.resolve(FILE_NAME).toString());
        appender.setEncoder(encoder);

        SizeAndTimeBasedRollingPolicy<ILoggingEvent> rolling = new SizeAndTimeBasedRollingPolicy<>();
        rolling.setContext(context);
        rolling.setParent(appender);
        rolling.setFileNamePattern(directory.resolve("parley-server.%d{yyyy-MM-dd}.%i.log.gz").toString());
        rolling.setMaxFileSize(FileSize.valueOf("10MB"));
        rolling.setMaxHistory(14);
        rolling.setTotalSizeCap(FileSize.valueOf("200MB"));
        rolling.start();
        appender.setRollingPolicy(rolling);
        appender.start();
        root().addAppender(appender);
        return new LogFile(appender);
    }

    public Path path() {
        return Path.of(appender.getFile());
    }

    /** Stops writing the file (flushing what is buffered); stderr logging goes on. */
    @Override
    public void close() {
        root().detachAppender(appender);
        appender.stop();
    }

    private static Logger root() {
        return ((LoggerContext) LoggerFactory.getILoggerFactory()).getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    }
}
