package io.chat.bench;

import com.fasterxml.jackson.databind.JsonNode;
import io.chat.adapter.jwt.HmacTokens;
import io.chat.domain.user.UserId;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The load generator's entry point: prints one JSON line with every figure, then a short summary;
 * exits 1 when a message was lost, duplicated or reordered, 2 when the run could not be set up.
 */
public final class Main {
  private Main() {}

  public static void main(String[] args) {
    int status;
    try {
      status = run(args);
    } catch (IllegalArgumentException e) {
      System.err.println(e.getMessage());
      System.err.print(BenchConfig.USAGE);
      status = 2;
    } catch (Exception e) {
      e.printStackTrace();
      status = 2;
    }
    System.exit(status);
  }

  static int run(String[] args) throws Exception {
    Map<String, Object> report = report(args);
    System.out.println(WsClient.JSON.writeValueAsString(report));
    System.out.println(Summary.of(report));
    return Boolean.TRUE.equals(report.get("correct")) ? 0 : 1;
  }

  /**
   * Runs what the arguments say and answers every figure; {@code correct} says whether it passed.
   */
  static Map<String, Object> report(String[] args) throws Exception {
    BenchConfig config = BenchConfig.parse(args);
    Nodes nodes =
        config.nodes() > 0
            ? Nodes.start(
                config.serverJar().get(),
                config.serverJvmArgs(),
                config.nodes(),
                config.serverCpus(),
                config.redis())
            : null;
    ServerProcess server =
        config.serverJar().isPresent() && nodes == null
            ? ServerProcess.start(
                config.serverJar().get(), config.serverJvmArgs(), config.store().equals("memory"))
            : null;
    try {
      List<String> urls =
          nodes != null ? nodes.urls() : server != null ? List.of(server.url()) : config.urls();
      String url = urls.get(0);
      Optional<Long> pid = server != null ? Optional.of(server.pid()) : config.serverPid();
      int count = config.mode().equals("connections") ? config.connections() : config.users();
      Users users =
          nodes != null ? mint(config, nodes.secret(), count) : users(config, server, count);
      Map<String, Object> report = new LinkedHashMap<>();
      report.put("mode", config.mode());
      report.put("transport", config.transport());
      report.put("startedAt", Instant.now().toString());
      report.put("serverStartedByBench", server != null || nodes != null);
      if (nodes != null) {
        report.put("nodes", nodes.pids().size());
        report.put("serverPids", nodes.pids());
      }
      if (server != null) {
        report.put("store", config.store());
      }
      boolean ok;
      if (config.mode().equals("connections")) {
        ok = new ConnectionsRun(config, url, pid, users).run(report);
      } else if (config.mode().equals("verify")) {
        ok = new VerifyRun(config, url, users).run(report);
      } else {
        List<Long> measured = nodes != null ? nodes.pids() : pid.map(List::of).orElse(List.of());
        ok = new LoadRun(config, urls, users, measured).run(report);
      }
      report.put("correct", ok);
      return report;
    } finally {
      if (server != null) {
        server.close();
      }
      if (nodes != null) {
        nodes.close();
      }
    }
  }

  /** The ids and tokens of the users of a run, in order. */
  record Users(List<String> ids, List<String> tokens) {}

  private static Users users(BenchConfig config, ServerProcess server, int count) throws Exception {
    List<String> ids = new ArrayList<>();
    List<String> tokens = new ArrayList<>();
    if (config.tokensFile().isPresent()) {
      for (String line : Files.readAllLines(config.tokensFile().get())) {
        if (line.isBlank() || tokens.size() == count) {
          continue;
        }
        String token = line.trim();
        tokens.add(token);
        JsonNode claims =
            WsClient.JSON.readTree(
                new String(
                    Base64.getUrlDecoder().decode(token.split("\\.")[1]), StandardCharsets.UTF_8));
        ids.add(claims.path("userId").asText(claims.path("sub").asText()));
      }
      if (tokens.size() < count) {
        throw new IllegalArgumentException(
            "--tokens-file has " + tokens.size() + " tokens, the run needs " + count);
      }
      return new Users(ids, tokens);
    }
    String secret;
    if (config.secret().isPresent()) {
      secret = config.secret().get();
    } else if (config.secretFile().isPresent()) {
      secret = Files.readString(config.secretFile().get(), StandardCharsets.UTF_8).trim();
    } else if (server != null) {
      secret = server.secret();
    } else {
      throw new IllegalArgumentException("--secret, --secret-file or --tokens-file is required");
    }
    return mint(config, secret, count);
  }

  /** {@code count} users of the run's prefix, with tokens signed by {@code secret}. */
  private static Users mint(BenchConfig config, String secret, int count) {
    List<String> ids = new ArrayList<>();
    List<String> tokens = new ArrayList<>();
    HmacTokens minter = new HmacTokens(secret);
    Instant now = Instant.now();
    for (int i = 0; i < count; i++) {
      String id = config.userPrefix() + i;
      ids.add(id);
      tokens.add(
          minter.mint(new UserId(id), false, Optional.of("Bench " + i), now, Duration.ofHours(6)));
    }
    return new Users(ids, tokens);
  }
}
