package kgraph.neo4j;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Stream;

import org.neo4j.configuration.GraphDatabaseSettings;
import org.neo4j.configuration.connectors.BoltConnector;
import org.neo4j.configuration.connectors.HttpConnector;
import org.neo4j.configuration.connectors.HttpsConnector;
import org.neo4j.configuration.helpers.SocketAddress;
import org.neo4j.dbms.api.DatabaseManagementService;
import org.neo4j.dbms.api.DatabaseManagementServiceBuilder;
import org.neo4j.graphdb.GraphDatabaseService;
import org.neo4j.harness.Neo4j;
import org.neo4j.harness.Neo4jBuilders;

/**
 * Runs a real Neo4j 5.26 Community DBMS inside this JVM until the process is terminated.
 *
 * <p>The test harness is preferred because it brings the HTTP server too (Cypher over HTTP, Browser
 * discovery); when it cannot start, the plain embedded DBMS with Bolt only is the fallback. Both are
 * the same database engine that a packaged Neo4j runs.
 *
 * <p>Usage: {@code java -cp ... kgraph.neo4j.Launcher <state-dir>}. Ports come from NEO4J_BOLT_PORT and
 * NEO4J_HTTP_PORT (defaults 7687 and 7474); NEO4J_LISTEN_HOST defaults to 127.0.0.1;
 * NEO4J_LAUNCHER_MODE=embedded skips the harness. The process
 * writes {@code <state-dir>/ready}, one line starting with {@code KGRAPH_NEO4J_READY}, once a query has
 * succeeded, and removes it when shutting down.
 */
public final class Launcher {
    static final String READY_MARKER = "KGRAPH_NEO4J_READY";
    // Enough for test and demo graphs; the default would claim half of the machine's free memory.
    static final long PAGE_CACHE_BYTES = 512L * 1024 * 1024;

    private Launcher() {}

    public static void main(String[] args) throws Exception {
        if (args.length != 1) {
            System.err.println("usage: Launcher <state-dir>");
            System.exit(2);
        }
        Path stateDir = Path.of(args[0]).toAbsolutePath();
        String host = env("NEO4J_LISTEN_HOST", "127.0.0.1");
        int boltPort = Integer.parseInt(env("NEO4J_BOLT_PORT", "7687"));
        int httpPort = Integer.parseInt(env("NEO4J_HTTP_PORT", "7474"));

        // Every start is a fresh, empty DBMS: tests and the demo must not depend on leftovers, and
        // a crashed run (kill -9) would otherwise leave its store behind forever.
        Path dataDir = stateDir.resolve("data");
        deleteRecursively(dataDir);
        Files.createDirectories(dataDir);

        Running running;
        if ("embedded".equals(env("NEO4J_LAUNCHER_MODE", "harness"))) {
            running = startEmbedded(dataDir.resolve("embedded"), host, boltPort);
        } else {
            try {
                running = startHarness(dataDir.resolve("harness"), host, boltPort, httpPort);
            } catch (Throwable harnessFailure) {
                System.err.println("neo4j-harness failed to start, falling back to embedded DBMS (Bolt only): "
                        + harnessFailure);
                harnessFailure.printStackTrace();
                running = startEmbedded(dataDir.resolve("embedded"), host, boltPort);
            }
        }

        GraphDatabaseService db = running.db();
        long one = db.executeTransactionally("RETURN 1 AS one", java.util.Map.of(),
                result -> (Long) result.next().get("one"));
        if (one != 1L) {
            throw new IllegalStateException("RETURN 1 answered " + one);
        }

        CountDownLatch stopped = new CountDownLatch(1);
        Running toClose = running;
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.out.println("KGRAPH_NEO4J_STOPPING");
            try {
                Files.deleteIfExists(stateDir.resolve("ready"));
            } catch (IOException e) {
                System.err.println("shutdown: " + e);
            }
            try {
                toClose.close();
            } catch (Exception e) {
                System.err.println("shutdown: " + e);
            }
            stopped.countDown();
            System.out.println("KGRAPH_NEO4J_STOPPED");
        }, "neo4j-shutdown"));

        String ready = String.format("%s mode=%s bolt=bolt://%s:%d http=%s version=%s", READY_MARKER,
                running.mode(), host, boltPort, running.httpUri(), neo4jVersion(db));
        // The file is what scripts/neo4j reads: once Neo4j is up, stdout may be buffered behind its logging.
        Files.writeString(stateDir.resolve("ready"), ready + System.lineSeparator());
        System.out.println(ready);
        System.out.flush();
        stopped.await();
    }

    private record Running(String mode, GraphDatabaseService db, String httpUri, AutoCloseable closer)
            implements AutoCloseable {
        @Override
        public void close() throws Exception {
            closer.close();
        }
    }

    private static Running startHarness(Path workDir, String host, int boltPort, int httpPort) throws IOException {
        Files.createDirectories(workDir);
        Neo4j neo4j = Neo4jBuilders.newInProcessBuilder(workDir)
                .withConfig(BoltConnector.enabled, true)
                .withConfig(BoltConnector.listen_address, new SocketAddress(host, boltPort))
                .withConfig(BoltConnector.advertised_address, new SocketAddress(host, boltPort))
                .withConfig(HttpConnector.enabled, true)
                .withConfig(HttpConnector.listen_address, new SocketAddress(host, httpPort))
                .withConfig(HttpConnector.advertised_address, new SocketAddress(host, httpPort))
                .withConfig(HttpsConnector.enabled, false)
                .withConfig(GraphDatabaseSettings.auth_enabled, false)
                .withConfig(GraphDatabaseSettings.udc_enabled, false)
                .withConfig(GraphDatabaseSettings.pagecache_memory, PAGE_CACHE_BYTES)
                .build();
        return new Running("harness", neo4j.defaultDatabaseService(), neo4j.httpURI().toString(), neo4j);
    }

    private static Running startEmbedded(Path homeDir, String host, int boltPort) throws IOException {
        Files.createDirectories(homeDir);
        DatabaseManagementService dbms = new DatabaseManagementServiceBuilder(homeDir)
                .setConfig(BoltConnector.enabled, true)
                .setConfig(BoltConnector.listen_address, new SocketAddress(host, boltPort))
                .setConfig(BoltConnector.advertised_address, new SocketAddress(host, boltPort))
                .setConfig(GraphDatabaseSettings.auth_enabled, false)
                .setConfig(GraphDatabaseSettings.udc_enabled, false)
                .setConfig(GraphDatabaseSettings.pagecache_memory, PAGE_CACHE_BYTES)
                .build();
        GraphDatabaseService db = dbms.database(GraphDatabaseSettings.DEFAULT_DATABASE_NAME);
        return new Running("embedded", db, "none", dbms::shutdown);
    }

    private static String neo4jVersion(GraphDatabaseService db) {
        try {
            return db.executeTransactionally(
                    "CALL dbms.components() YIELD versions, edition RETURN versions[0] + ' ' + edition AS v",
                    java.util.Map.of(), result -> (String) result.next().get("v"));
        } catch (RuntimeException e) {
            return "unknown";
        }
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }

    private static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.delete(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }
}
