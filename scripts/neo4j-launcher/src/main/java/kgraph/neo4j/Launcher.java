package kgraph.neo4j;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
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
import org.neo4j.harness.Neo4jBuilder;
import org.neo4j.harness.Neo4jBuilders;
import org.neo4j.server.configuration.ServerSettings;

/**
 * Runs a real Neo4j 5.26 Community DBMS inside this JVM until the process is terminated.
 *
 * <p>The test harness is preferred because it brings the HTTP server too (Cypher over HTTP, Neo4j
 * Browser); when it cannot start, the plain embedded DBMS with Bolt only is the fallback. Both are
 * the same database engine that a packaged Neo4j runs, and both keep their databases in
 * {@code <state-dir>/store}, which survives stop, start and SIGKILL (Neo4j recovers from its
 * transaction log on the next start). Only {@code scripts/neo4j reset} deletes it.
 *
 * <p>Authentication is on. The password of user {@code neo4j} is read from the file named by
 * NEO4J_PASSWORD_FILE (scripts/neo4j generates it, mode 0600) and set on every start, so the file
 * is the single source of truth even after a reset of the store.
 *
 * <p>Usage: {@code java -cp ... kgraph.neo4j.Launcher <state-dir>}. Ports come from NEO4J_BOLT_PORT
 * and NEO4J_HTTP_PORT (defaults 7687 and 7474); NEO4J_LISTEN_HOST defaults to 127.0.0.1;
 * NEO4J_LAUNCHER_MODE=embedded skips the harness; NEO4J_PLUGINS_DIR, if set, is Neo4j's plugin
 * directory (procedure jars such as APOC core, which must also be on the classpath) and
 * NEO4J_PROCEDURES_UNRESTRICTED its unrestricted procedures (e.g. {@code apoc.*}). The process
 * writes {@code <state-dir>/ready}, one line starting with {@code KGRAPH_NEO4J_READY}, once a query
 * has succeeded, and removes it when shutting down.
 */
public final class Launcher {
    static final String READY_MARKER = "KGRAPH_NEO4J_READY";
    static final String USER = "neo4j";
    // Enough for test and demo graphs; the default would claim half of the machine's free memory.
    static final long PAGE_CACHE_BYTES = 512L * 1024 * 1024;

    private Launcher() {}

    /** What every start needs to know, from the command line and the environment. */
    private record Settings(Path stateDir, String host, int boltPort, int httpPort, String password,
            Path pluginsDir, List<String> unrestricted) {
        Path storeDir() {
            return stateDir.resolve("store");
        }

        /** Neo4j Browser's own origin: the only one allowed to call the HTTP API cross-origin. */
        String browserOrigin() {
            return "http://" + host + ":" + httpPort;
        }
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 1) {
            System.err.println("usage: Launcher <state-dir>");
            System.exit(2);
        }
        Path stateDir = Path.of(args[0]).toAbsolutePath();
        String pluginsDir = env("NEO4J_PLUGINS_DIR", "");
        String unrestricted = env("NEO4J_PROCEDURES_UNRESTRICTED", "");
        Settings s = new Settings(stateDir, env("NEO4J_LISTEN_HOST", "127.0.0.1"),
                Integer.parseInt(env("NEO4J_BOLT_PORT", "7687")),
                Integer.parseInt(env("NEO4J_HTTP_PORT", "7474")),
                readPassword(env("NEO4J_PASSWORD_FILE", stateDir.resolve("password").toString())),
                pluginsDir.isEmpty() ? null : Path.of(pluginsDir).toAbsolutePath(),
                unrestricted.isEmpty() ? List.of() : List.of(unrestricted.split(",")));

        // The store persists; only the harness's scratch home (its logs, certificates, a random
        // folder per start) is thrown away. The old layout (data/, wiped on every start) is scratch
        // too.
        Path runDir = stateDir.resolve("run");
        deleteRecursively(runDir);
        deleteRecursively(stateDir.resolve("data"));
        Files.createDirectories(runDir);
        Files.createDirectories(s.storeDir());

        Running running;
        if ("embedded".equals(env("NEO4J_LAUNCHER_MODE", "harness"))) {
            running = startEmbedded(runDir.resolve("embedded"), s);
        } else {
            try {
                running = startHarness(runDir.resolve("harness"), s);
            } catch (Throwable harnessFailure) {
                System.err.println("neo4j-harness failed to start, falling back to embedded DBMS (Bolt only): "
                        + harnessFailure);
                harnessFailure.printStackTrace();
                running = startEmbedded(runDir.resolve("embedded"), s);
            }
        }

        setPassword(running.dbms(), s.password());
        GraphDatabaseService db = running.db();
        long one = db.executeTransactionally("RETURN 1 AS one", Map.of(),
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

        String ready = String.format("%s mode=%s bolt=bolt://%s:%d http=%s version=%s auth=enabled", READY_MARKER,
                running.mode(), s.host(), s.boltPort(), running.httpUri(), neo4jVersion(db));
        // The file is what scripts/neo4j reads: once Neo4j is up, stdout may be buffered behind its logging.
        Files.writeString(stateDir.resolve("ready"), ready + System.lineSeparator());
        System.out.println(ready);
        System.out.flush();
        stopped.await();
    }

    private record Running(String mode, DatabaseManagementService dbms, GraphDatabaseService db, String httpUri,
            AutoCloseable closer) implements AutoCloseable {
        @Override
        public void close() throws Exception {
            closer.close();
        }
    }

    private static Running startHarness(Path workDir, Settings s) throws IOException {
        Files.createDirectories(workDir);
        Neo4jBuilder b = Neo4jBuilders.newInProcessBuilder(workDir)
                .withConfig(GraphDatabaseSettings.data_directory, s.storeDir())
                .withConfig(BoltConnector.enabled, true)
                .withConfig(BoltConnector.listen_address, new SocketAddress(s.host(), s.boltPort()))
                .withConfig(BoltConnector.advertised_address, new SocketAddress(s.host(), s.boltPort()))
                .withConfig(HttpConnector.enabled, true)
                .withConfig(HttpConnector.listen_address, new SocketAddress(s.host(), s.httpPort()))
                .withConfig(HttpConnector.advertised_address, new SocketAddress(s.host(), s.httpPort()))
                .withConfig(HttpsConnector.enabled, false)
                .withConfig(GraphDatabaseSettings.auth_enabled, true)
                .withConfig(GraphDatabaseSettings.udc_enabled, false)
                .withConfig(GraphDatabaseSettings.pagecache_memory, PAGE_CACHE_BYTES)
                // Any web page the user opens could otherwise POST Cypher to the HTTP API
                // (the default is "*"); Browser itself is same-origin and needs no CORS.
                .withConfig(ServerSettings.http_access_control_allow_origin, s.browserOrigin())
                // Browser: no usage telemetry, no remote guides, and a content policy without the
                // third-party analytics hosts of the default.
                .withConfig(ServerSettings.allow_telemetry, false)
                .withConfig(ServerSettings.browser_remote_content_hostname_whitelist, "localhost")
                .withConfig(ServerSettings.http_static_content_security_policy,
                        "default-src 'self'; script-src 'self'; img-src 'self' data:; "
                                + "style-src 'self' 'unsafe-inline'; font-src 'self' data:; base-uri 'none'; "
                                + "object-src 'none'; frame-ancestors 'none'; connect-src 'self' "
                                + "ws://" + s.host() + ":" + s.boltPort() + " http://" + s.host() + ":"
                                + s.httpPort());
        if (s.pluginsDir() != null) {
            b = b.withConfig(GraphDatabaseSettings.plugin_dir, s.pluginsDir());
        }
        if (!s.unrestricted().isEmpty()) {
            b = b.withConfig(GraphDatabaseSettings.procedure_unrestricted, s.unrestricted());
        }
        Neo4j neo4j = b.build();
        return new Running("harness", neo4j.databaseManagementService(), neo4j.defaultDatabaseService(),
                neo4j.httpURI().toString(), neo4j);
    }

    private static Running startEmbedded(Path homeDir, Settings s) throws IOException {
        Files.createDirectories(homeDir);
        DatabaseManagementServiceBuilder b = new DatabaseManagementServiceBuilder(homeDir)
                .setConfig(GraphDatabaseSettings.data_directory, s.storeDir())
                .setConfig(BoltConnector.enabled, true)
                .setConfig(BoltConnector.listen_address, new SocketAddress(s.host(), s.boltPort()))
                .setConfig(BoltConnector.advertised_address, new SocketAddress(s.host(), s.boltPort()))
                .setConfig(GraphDatabaseSettings.auth_enabled, true)
                .setConfig(GraphDatabaseSettings.udc_enabled, false)
                .setConfig(GraphDatabaseSettings.pagecache_memory, PAGE_CACHE_BYTES);
        if (s.pluginsDir() != null) {
            b.setConfig(GraphDatabaseSettings.plugin_dir, s.pluginsDir());
        }
        if (!s.unrestricted().isEmpty()) {
            b.setConfig(GraphDatabaseSettings.procedure_unrestricted, s.unrestricted());
        }
        DatabaseManagementService dbms = b.build();
        GraphDatabaseService db = dbms.database(GraphDatabaseSettings.DEFAULT_DATABASE_NAME);
        return new Running("embedded", dbms, db, "none", dbms::shutdown);
    }

    /**
     * Makes the password file's password the one of user neo4j, with no change required. Embedded
     * access to the system database bypasses authentication, which is what lets a fresh store (whose
     * neo4j user has the initial password "neo4j") and a store whose password file was replaced both
     * end up with the file's password.
     */
    private static void setPassword(DatabaseManagementService dbms, String password) {
        GraphDatabaseService system = dbms.database(GraphDatabaseSettings.SYSTEM_DATABASE_NAME);
        try {
            system.executeTransactionally("ALTER USER " + USER + " SET PASSWORD $pw CHANGE NOT REQUIRED",
                    Map.of("pw", password));
        } catch (RuntimeException e) {
            // Setting the current password again is refused; anything else is a real failure.
            String msg = String.valueOf(e.getMessage()) + " " + String.valueOf(e.getCause());
            if (!msg.contains("same")) {
                throw e;
            }
        }
    }

    private static String readPassword(String file) throws IOException {
        String pw = Files.readString(Path.of(file), StandardCharsets.UTF_8).strip();
        if (pw.length() < 8) {
            throw new IllegalArgumentException("password in " + file + " is shorter than 8 characters");
        }
        return pw;
    }

    private static String neo4jVersion(GraphDatabaseService db) {
        try {
            return db.executeTransactionally(
                    "CALL dbms.components() YIELD versions, edition RETURN versions[0] + ' ' + edition AS v",
                    Map.of(), result -> (String) result.next().get("v"));
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
