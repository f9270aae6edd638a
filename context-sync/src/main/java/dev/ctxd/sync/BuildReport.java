package dev.ctxd.sync;

import java.nio.file.Path;

/** What the daemon did for one build: the verified digest and the directory a builder reads. */
public record BuildReport(String contextDigest, Path materializedPath, long filesWritten, long entriesRemoved, long durationNanos) {}
