package org.spagateway.test.harness;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.UserPrincipal;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A real PostgreSQL server (Debian's {@code postgresql} package, scripts/setup.sh) for one test class: a new cluster
 * by {@code initdb} in its own temporary directory, {@code postgres} in the foreground on a free loopback port, trust
 * authentication on loopback only, durability off (a test database), stopped with {@code pg_ctl stop -m fast} and
 * deleted on {@link #close()}. {@link #stop()} and {@link #restart()} take the server down and bring it back on the
 * same port and data, for tests of a database that goes away. PostgreSQL refuses to run as root: as root, both run as
 * the {@code postgres} system user (created by the Debian package) through {@code runuser}, and the directory is
 * handed to that user. Used by the FHIR server's and the session ledger's PostgreSQL tests.
 */
public final class PostgresProcess implements AutoCloseable {

    public static final String USER = "spa";
    public static final String DATABASE = "spa";
    private static final String SYSTEM_USER = "postgres";
    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);

    private final Path bin;
    private final Path dir;
    private final int port;
    private Process process;

    private PostgresProcess(Path bin, Path dir, int port) {
        this.bin = bin;
        this.dir = dir;
        this.port = port;
    }

    /** Whether this machine has PostgreSQL's server programs. */
    public static boolean installed() {
        return binaries() != null;
    }

    public static PostgresProcess start() throws IOException, InterruptedException {
        Path bin = binaries();
        if (bin == null) {
            throw new IOException("PostgreSQL is not installed (/usr/lib/postgresql/*/bin): run scripts/setup.sh");
        }
        Path dir = Files.createTempDirectory("spa-postgres");
        if (asRoot()) {
            UserPrincipal owner = dir.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName(SYSTEM_USER);
            Files.setOwner(dir, owner);
        }
        run(bin, dir, List.of(bin.resolve("initdb").toString(), "-D", dir.resolve("data").toString(),
                "--username=" + USER, "--auth=trust", "--encoding=UTF8", "--no-locale", "--no-sync"));
        PostgresProcess postgres = new PostgresProcess(bin, dir, FreePorts.find());
        postgres.launch();
        postgres.awaitReady(true);
        return postgres;
    }

    public String jdbcUrl() {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + DATABASE;
    }

    public Path log() {
        return dir.resolve("postgres.log");
    }

    /** Fast shutdown, keeping the data: clients lose their connections, new ones are refused until restart. */
    public void stop() throws IOException, InterruptedException {
        run(bin, dir, List.of(bin.resolve("pg_ctl").toString(), "-D", dir.resolve("data").toString(),
                "stop", "-m", "fast", "-w"));
        if (!process.waitFor(20, TimeUnit.SECONDS)) {
            throw new IOException("postgres did not stop; see " + log());
        }
    }

    /** Starts the server again on the same port and data (after {@link #stop()}) and waits until it accepts. */
    public void restart() throws IOException, InterruptedException {
        launch();
        awaitReady(false);
    }

    private void launch() throws IOException {
        ProcessBuilder builder = new ProcessBuilder(command(List.of(bin.resolve("postgres").toString(),
                "-D", dir.resolve("data").toString(), "-p", Integer.toString(port), "-k", dir.toString(),
                "-c", "listen_addresses=127.0.0.1", "-c", "fsync=off", "-c", "synchronous_commit=off",
                "-c", "full_page_writes=off", "-c", "max_connections=100")))
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log().toFile()));
        process = builder.start();
    }

    private void awaitReady(boolean createDatabase) throws IOException, InterruptedException {
        Instant deadline = Instant.now().plus(START_TIMEOUT);
        SQLException last = null;
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IOException("postgres exited with " + process.exitValue() + ": "
                        + Files.readString(log(), StandardCharsets.UTF_8));
            }
            try (Connection connection = DriverManager.getConnection(
                    "jdbc:postgresql://127.0.0.1:" + port + "/postgres", USER, "");
                 Statement statement = connection.createStatement()) {
                if (createDatabase) {
                    statement.execute("CREATE DATABASE " + DATABASE);
                }
                return;
            } catch (SQLException e) {
                last = e;
            }
            // Not a test wait: polling a starting child process at 100 ms intervals.
            process.waitFor(100, TimeUnit.MILLISECONDS);
        }
        close();
        throw new IOException("postgres did not accept connections on port " + port + " within " + START_TIMEOUT,
                last);
    }

    /** Fast shutdown (clients disconnected, no checkpoint wait for them), then the directory is deleted. */
    @Override
    public void close() {
        try {
            if (process != null && process.isAlive()) {
                run(bin, dir, List.of(bin.resolve("pg_ctl").toString(), "-D", dir.resolve("data").toString(),
                        "stop", "-m", "fast", "-w"));
            }
            if (process != null && !process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
            deleteRecursively(dir);
        } catch (IOException e) {
            process.destroyForcibly();
            throw new IllegalStateException("stopping PostgreSQL failed; see " + log(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }

    private static void run(Path bin, Path dir, List<String> command) throws IOException, InterruptedException {
        Path output = dir.resolve("command.log");
        Process process = new ProcessBuilder(command(command)).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(output.toFile())).start();
        if (!process.waitFor(120, TimeUnit.SECONDS) || process.exitValue() != 0) {
            process.destroyForcibly();
            throw new IOException(String.join(" ", command) + " failed: "
                    + Files.readString(output, StandardCharsets.UTF_8));
        }
    }

    private static List<String> command(List<String> command) {
        if (!asRoot()) {
            return command;
        }
        List<String> asPostgres = new ArrayList<>(List.of("runuser", "-u", SYSTEM_USER, "--"));
        asPostgres.addAll(command);
        return asPostgres;
    }

    private static boolean asRoot() {
        return "root".equals(System.getProperty("user.name"));
    }

    /** The newest {@code /usr/lib/postgresql/<major>/bin} with initdb, or null. */
    private static Path binaries() {
        Path root = Path.of("/usr/lib/postgresql");
        if (!Files.isDirectory(root)) {
            return null;
        }
        try (Stream<Path> versions = Files.list(root)) {
            return versions.map(v -> v.resolve("bin"))
                    .filter(b -> Files.isExecutable(b.resolve("initdb")))
                    .max(Comparator.comparingInt(PostgresProcess::major)).orElse(null);
        } catch (IOException e) {
            return null;
        }
    }

    private static int major(Path bin) {
        try {
            return Integer.parseInt(bin.getParent().getFileName().toString());
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        Files.walkFileTree(dir, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.delete(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path d, IOException e) throws IOException {
                Files.delete(d);
                return FileVisitResult.CONTINUE;
            }
        });
    }
}
