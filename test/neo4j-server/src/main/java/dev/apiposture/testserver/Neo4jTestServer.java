package dev.apiposture.testserver;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;

import java.time.Duration;

import org.neo4j.configuration.GraphDatabaseInternalSettings;
import org.neo4j.configuration.GraphDatabaseSettings;
import org.neo4j.configuration.connectors.BoltConnector;
import org.neo4j.configuration.connectors.HttpConnector;
import org.neo4j.configuration.connectors.HttpsConnector;
import org.neo4j.configuration.helpers.SocketAddress;
import org.neo4j.harness.Neo4j;
import org.neo4j.harness.Neo4jBuilders;
import org.neo4j.io.ByteUnit;

/**
 * In-process Neo4j Community server for the apiposture test suite.
 *
 * <p>Usage: {@code java <jvm flags> -cp ... dev.apiposture.testserver.Neo4jTestServer [workDir]}
 *
 * <ul>
 *   <li>Bolt listens on 127.0.0.1 on a free port; HTTP and HTTPS connectors are disabled; auth is
 *       disabled (harness default).
 *   <li>When ready, exactly one line {@code NEO4J_BOLT_URI=bolt://127.0.0.1:<port>} is written to
 *       stdout. Everything else (library noise, diagnostics) goes to stderr; the Neo4j logs go to
 *       {@code neo4j.log}/{@code debug.log} inside the working directory.
 *   <li>Working directory: first argument, else env {@code NEO4J_TEST_SERVER_DIR}, else a fresh temp
 *       directory that is deleted on exit. Note: the harness always creates a random (md5-named)
 *       sub-directory for the DBMS and deletes it on close, so data never survives a restart...
 *   <li>... unless env {@code NEO4J_TEST_SERVER_DATA_DIR} names a data directory: the databases and
 *       transaction logs then live there, outside the harness' directory, so a server killed or
 *       stopped can be started again on the same data (the fault tests restart Neo4j mid-ingest).
 *   <li>Stops on SIGTERM/SIGINT (shutdown hook) and when stdin reaches EOF (parent died), unless
 *       env {@code NEO4J_TEST_SERVER_IGNORE_STDIN=1}.
 * </ul>
 */
public final class Neo4jTestServer {

    private static final String LOOPBACK = "127.0.0.1";
    private static final int MAX_BIND_ATTEMPTS = 5;

    private Neo4jTestServer() {}

    public static void main(String[] args) throws Exception {
        // Keep stdout clean for the single handshake line: anything a library prints to
        // System.out ends up on stderr instead.
        final PrintStream handshake = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        System.setOut(System.err);

        String dirArg = args.length > 0 ? args[0] : System.getenv("NEO4J_TEST_SERVER_DIR");
        final boolean ownsWorkDir = dirArg == null || dirArg.isBlank();
        final Path workDir;
        if (ownsWorkDir) {
            workDir = Files.createTempDirectory("apiposture-neo4j-");
        } else {
            workDir = Paths.get(dirArg).toAbsolutePath();
            Files.createDirectories(workDir);
        }

        final Object lock = new Object();
        final Neo4j[] holder = new Neo4j[1];
        final AtomicBoolean stopped = new AtomicBoolean(false);
        final CountDownLatch stoppedLatch = new CountDownLatch(1);

        Runnable stop = () -> {
            if (!stopped.compareAndSet(false, true)) {
                return;
            }
            try {
                Neo4j neo4j;
                synchronized (lock) {
                    neo4j = holder[0];
                    holder[0] = null;
                }
                if (neo4j != null) {
                    System.err.println("[neo4j-test-server] stopping Neo4j ...");
                    neo4j.close();
                    System.err.println("[neo4j-test-server] Neo4j stopped");
                }
            } catch (Throwable t) {
                System.err.println("[neo4j-test-server] error while stopping Neo4j: " + t);
            } finally {
                if (ownsWorkDir) {
                    deleteRecursively(workDir);
                }
                stoppedLatch.countDown();
            }
        };
        Runtime.getRuntime().addShutdownHook(new Thread(stop, "neo4j-test-server-shutdown"));

        if (!"1".equals(System.getenv("NEO4J_TEST_SERVER_IGNORE_STDIN"))) {
            Thread stdinWatcher = new Thread(() -> {
                try (InputStream in = System.in) {
                    byte[] buf = new byte[256];
                    while (in.read(buf) != -1) {
                        // ignore input; we only care about EOF
                    }
                } catch (IOException ignored) {
                    // treat a broken stdin like EOF
                }
                System.err.println("[neo4j-test-server] stdin closed, shutting down");
                System.exit(0); // runs the shutdown hook
            }, "neo4j-test-server-stdin-watch");
            stdinWatcher.setDaemon(true);
            stdinWatcher.start();
        }

        String dataDirArg = System.getenv("NEO4J_TEST_SERVER_DATA_DIR");
        final Path dataDir = dataDirArg == null || dataDirArg.isBlank() ? null : Paths.get(dataDirArg).toAbsolutePath();

        long t0 = System.nanoTime();
        Neo4j neo4j = null;
        // One transaction's memory cap. 768 MiB suits the 1.5 GB heap the suite uses; benchmarks at estate M start the
        // server with a larger heap (NEO4J_TEST_SERVER_HEAP_MB) and cap (NEO4J_TEST_SERVER_TX_MAX_MB).
        String txMaxEnv = System.getenv("NEO4J_TEST_SERVER_TX_MAX_MB");
        long txMaxMiB = txMaxEnv == null || txMaxEnv.isBlank() ? 768 : Long.parseLong(txMaxEnv.trim());
        // Page cache: 256 MiB keeps the suite's server small; a benchmark on a large estate gives it room for the whole
        // store (NEO4J_TEST_SERVER_PAGECACHE_MB), as a production server sized for its data would have.
        String pageCacheEnv = System.getenv("NEO4J_TEST_SERVER_PAGECACHE_MB");
        long pageCacheMiB = pageCacheEnv == null || pageCacheEnv.isBlank() ? 256 : Long.parseLong(pageCacheEnv.trim());
        int port = -1;
        Throwable lastError = null;
        for (int attempt = 1; attempt <= MAX_BIND_ATTEMPTS && neo4j == null; attempt++) {
            port = freeLoopbackPort();
            try {
                var builder = Neo4jBuilders.newInProcessBuilder(workDir);
                if (dataDir != null) {
                    builder = builder.withConfig(GraphDatabaseSettings.data_directory, dataDir);
                }
                neo4j = builder
                        .withConfig(GraphDatabaseSettings.default_listen_address, new SocketAddress(LOOPBACK))
                        .withConfig(BoltConnector.enabled, true)
                        .withConfig(BoltConnector.listen_address, new SocketAddress(LOOPBACK, port))
                        .withConfig(BoltConnector.advertised_address, new SocketAddress(LOOPBACK, port))
                        .withConfig(BoltConnector.encryption_level, BoltConnector.EncryptionLevel.DISABLED)
                        .withConfig(HttpConnector.enabled, false)
                        .withConfig(HttpsConnector.enabled, false)
                        .withConfig(GraphDatabaseSettings.pagecache_memory, ByteUnit.mebiBytes(pageCacheMiB))
                        .withConfig(GraphDatabaseSettings.memory_transaction_global_max_size, ByteUnit.mebiBytes(Math.max(1024, txMaxMiB + 256)))
                        .withConfig(GraphDatabaseSettings.memory_transaction_database_max_size, ByteUnit.mebiBytes(Math.max(1024, txMaxMiB + 256)))
                        .withConfig(GraphDatabaseSettings.memory_transaction_max_size, ByteUnit.mebiBytes(txMaxMiB))
                        // Bolt's Netty event loops default to a 5 s quiet period (x2 groups) on
                        // shutdown, which made every stop take ~10 s. Test server: stop fast.
                        .withConfig(GraphDatabaseInternalSettings.netty_server_shutdown_quiet_period, 0)
                        .withConfig(GraphDatabaseInternalSettings.netty_server_shutdown_timeout, Duration.ofSeconds(5))
                        .build();
            } catch (Throwable t) {
                lastError = t;
                if (!isBindProblem(t) || attempt == MAX_BIND_ATTEMPTS) {
                    break;
                }
                System.err.println("[neo4j-test-server] port " + port + " was taken, retrying (" + t + ")");
            }
        }

        if (neo4j == null) {
            System.err.println("[neo4j-test-server] FAILED to start Neo4j:");
            if (lastError != null) {
                lastError.printStackTrace(System.err);
            }
            dumpLogs(workDir);
            if (ownsWorkDir) {
                deleteRecursively(workDir);
            }
            // Do not run the (no-op) shutdown hook path twice; just exit non-zero.
            Runtime.getRuntime().halt(1);
            return;
        }

        synchronized (lock) {
            if (stopped.get()) {
                // Signal arrived during start-up; the hook already ran without an instance.
                neo4j.close();
                return;
            }
            holder[0] = neo4j;
        }

        long ms = (System.nanoTime() - t0) / 1_000_000L;
        System.err.println("[neo4j-test-server] Neo4j " + neo4jVersion() + " ready in " + ms + " ms at "
                + neo4j.boltURI() + " (workDir " + workDir + ")");
        handshake.println("NEO4J_BOLT_URI=bolt://" + LOOPBACK + ":" + port);
        handshake.flush();

        // Park the main thread; exit happens via the shutdown hook (signal or stdin EOF).
        stoppedLatch.await();
    }

    private static int freeLoopbackPort() throws IOException {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(false);
            socket.bind(new InetSocketAddress(InetAddress.getByName(LOOPBACK), 0));
            return socket.getLocalPort();
        }
    }

    private static boolean isBindProblem(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof BindException) {
                return true;
            }
            String msg = String.valueOf(c.getMessage()).toLowerCase();
            if (msg.contains("address already in use") || msg.contains("port") && msg.contains("in use")) {
                return true;
            }
        }
        return false;
    }

    private static String neo4jVersion() {
        Package p = Neo4jBuilders.class.getPackage();
        String v = p == null ? null : p.getImplementationVersion();
        return v == null ? "" : v;
    }

    private static void dumpLogs(Path workDir) {
        try (Stream<Path> files = Files.walk(workDir, 3)) {
            files.filter(f -> {
                        String n = f.getFileName().toString();
                        return n.equals("neo4j.log") || n.equals("debug.log");
                    })
                    .forEach(f -> {
                        System.err.println("----- " + f + " (last 80 lines) -----");
                        try {
                            var lines = Files.readAllLines(f);
                            lines.subList(Math.max(0, lines.size() - 80), lines.size())
                                    .forEach(System.err::println);
                        } catch (IOException e) {
                            System.err.println("(cannot read: " + e + ")");
                        }
                    });
        } catch (IOException ignored) {
            // nothing to show
        }
    }

    private static void deleteRecursively(Path dir) {
        if (dir == null || !Files.exists(dir)) {
            return;
        }
        try {
            Files.walkFileTree(dir, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                    Files.deleteIfExists(file);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult postVisitDirectory(Path d, IOException exc) throws IOException {
                    Files.deleteIfExists(d);
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            System.err.println("[neo4j-test-server] could not delete " + dir + ": " + e);
        }
    }
}
