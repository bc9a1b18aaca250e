package io.chat.bootstrap;

import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.NotFoundResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import java.util.zip.CRC32;

/**
 * The browser client's files (development mode), read from {@code public/} on the class path when
 * first asked for and kept. A handful of routes instead of Javalin's static-file handler, which
 * builds a Jetty resource server and mounts the whole jar as a file system at start-up (a quarter
 * of the start-up's main thread).
 */
final class WebClient {
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_-][A-Za-z0-9._-]{0,99}");
  private static final Map<String, String> TYPES =
      Map.of(
          "html", "text/html; charset=utf-8",
          "css", "text/css; charset=utf-8",
          "js", "text/javascript; charset=utf-8",
          "json", "application/json",
          "svg", "image/svg+xml",
          "png", "image/png",
          "ico", "image/x-icon");

  private record File(byte[] bytes, String type, String etag) {}

  private final Map<String, Optional<File>> files = new ConcurrentHashMap<>();

  void install(JavalinConfig javalin) {
    javalin.routes.get("/", ctx -> serve(ctx, "index.html"));
    javalin.routes.get("/{file}", ctx -> serve(ctx, ctx.pathParam("file")));
    javalin.routes.get("/js/{file}", ctx -> serve(ctx, "js/" + ctx.pathParam("file")));
  }

  private void serve(Context ctx, String path) {
    File file = files.computeIfAbsent(path, WebClient::read).orElseThrow(NotFoundResponse::new);
    ctx.header("Cache-Control", "no-cache").header("ETag", file.etag());
    if (file.etag().equals(ctx.header("If-None-Match"))) {
      ctx.status(304);
      return;
    }
    ctx.contentType(file.type()).result(file.bytes());
  }

  private static Optional<File> read(String path) {
    String name = path.substring(path.lastIndexOf('/') + 1);
    int dot = name.lastIndexOf('.');
    String type = dot < 0 ? null : TYPES.get(name.substring(dot + 1));
    if (!NAME.matcher(name).matches() || type == null) {
      return Optional.empty();
    }
    try (InputStream in = WebClient.class.getResourceAsStream("/public/" + path)) {
      if (in == null) {
        return Optional.empty();
      }
      byte[] bytes = in.readAllBytes();
      CRC32 crc = new CRC32();
      crc.update(bytes);
      return Optional.of(new File(bytes, type, '"' + Long.toHexString(crc.getValue()) + '"'));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
