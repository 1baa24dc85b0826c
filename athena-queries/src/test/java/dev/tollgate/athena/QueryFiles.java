package dev.tollgate.athena;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** The {@code .sql} files at the root of this module (the tests run with it as working directory). */
final class QueryFiles {
    static final String DDL = "create_spend_logs_table.sql";

    private QueryFiles() {}

    static Path dir() {
        Path dir = Path.of("").toAbsolutePath();
        if (!Files.exists(dir.resolve("pom.xml"))
                || !dir.getFileName().toString().equals("athena-queries")) {
            throw new IllegalStateException("run the tests from the athena-queries module directory, not " + dir);
        }
        return dir;
    }

    /** Every {@code .sql} file, sorted. */
    static List<String> all() {
        try (Stream<Path> files = Files.list(dir())) {
            return files.map(p -> p.getFileName().toString())
                    .filter(n -> n.endsWith(".sql"))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every report query (everything but the DDL). */
    static List<String> reports() {
        return all().stream().filter(n -> !n.equals(DDL)).toList();
    }

    static String read(String name) {
        try {
            return Files.readString(dir().resolve(name), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The statement as Athena's PREPARE takes it: no trailing semicolon. */
    static String statement(String name) {
        String text = read(name).strip();
        return text.endsWith(";") ? text.substring(0, text.length() - 1) : text;
    }

    /** The statement without its {@code --} comments. */
    static String withoutComments(String name) {
        return statement(name)
                .lines()
                .map(l -> l.replaceFirst("--.*$", ""))
                .filter(l -> !l.isBlank())
                .reduce((a, b) -> a + "\n" + b)
                .orElse("");
    }
}
