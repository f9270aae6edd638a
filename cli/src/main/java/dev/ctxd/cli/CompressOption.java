package dev.ctxd.cli;

import dev.ctxd.core.HostAddress;
import dev.ctxd.sync.upload.Compression;
import picocli.CommandLine.Option;

/** {@code --compress=auto|always|never}, for the commands that upload a context. */
final class CompressOption {
  @Option(names = "--compress", paramLabel = "auto|always|never", converter = Choice.class,
      description = "LZ4 on the wire where it saves (default: auto = all of it on TCP to another host, else a sync's first 8MiB).")
  String choice = "auto";

  /** What the choice means for a daemon at {@code address}. */
  Compression forDaemon(HostAddress address) {
    return switch (choice) {
      case "always" -> Compression.ALWAYS;
      case "never" -> Compression.NEVER;
      default -> address.scheme() == HostAddress.Scheme.TCP && !isLoopback(address.host()) ? Compression.ALWAYS : Compression.SMALL_SYNCS;
    };
  }

  private static boolean isLoopback(String host) {
    try {
      return java.net.InetAddress.getByName(host).isLoopbackAddress();
    } catch (java.net.UnknownHostException e) {
      return false;
    }
  }

  /** Refuses anything else while parsing, before a daemon is started or a file walked. */
  static final class Choice implements picocli.CommandLine.ITypeConverter<String> {
    @Override
    public String convert(String value) {
      if (value.equals("auto") || value.equals("always") || value.equals("never")) return value;
      throw new picocli.CommandLine.TypeConversionException("must be auto, always or never, not '" + value + "'");
    }
  }
}
