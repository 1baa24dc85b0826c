package dev.tollgate.gateway.lambda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The exec wrapper rewrites the managed java21 runtime's command line: same JVM and options, the function's code
 * on the class path, {@link StreamingRuntime} as the main class. {@code /bin/echo} stands in for the JVM.
 */
class StreamingWrapperTest {
    private static final Path WRAPPER = Path.of("src/main/lambda-wrapper/tollgate-streaming");

    @Test
    void runtimeCommandLine_keepsJvmOptions_swapsClassPathAndMainClass() throws Exception {
        Result result = run(
                "/bin/echo",
                "-XX:MaxHeapSize=445645k",
                "-XX:+UseSerialGC",
                "-Xshare:auto",
                "-classpath",
                "/var/runtime/lib/aws-lambda-java-core-1.2.3.jar:/var/runtime/lib/aws-lambda-java-runtime-interface-client.jar",
                "com.amazonaws.services.lambda.runtime.api.client.AWSLambda",
                "dev.tollgate.gateway.lambda.ProxyHandler::handleRequest");

        assertEquals(0, result.exit(), result.output());
        assertEquals(
                "-XX:MaxHeapSize=445645k -XX:+UseSerialGC -Xshare:auto -classpath /var/task:/var/task/lib/* "
                        + "dev.tollgate.gateway.lambda.StreamingRuntime",
                result.output().strip());
    }

    @Test
    void maxHeap_whenTheStackSetsIt_comesLastSoItWins() throws Exception {
        Result result = runWith(
                Map.of("TOLLGATE_MAX_HEAP", "256m"),
                "/bin/echo",
                "-XX:MaxHeapSize=445645k",
                "-classpath",
                "/var/runtime/lib/a.jar",
                "com.amazonaws.services.lambda.runtime.api.client.AWSLambda",
                "handler");

        assertEquals(
                "-XX:MaxHeapSize=445645k -classpath /var/task:/var/task/lib/* -XX:MaxHeapSize=256m "
                        + "dev.tollgate.gateway.lambda.StreamingRuntime",
                result.output().strip());
    }

    @Test
    void unknownCommandLine_failsTheInit_ratherThanStartingABufferedRuntime() throws Exception {
        Result result = run("/bin/echo", "-jar", "something-else.jar");

        assertNotEquals(0, result.exit());
        assertTrue(result.output().contains("not starting"), result.output());
    }

    @Test
    void wrapperIsExecutable_asLambdaRequiresOfAnExecWrapper() {
        assertTrue(Files.isExecutable(WRAPPER), WRAPPER + " must keep its executable bit (git, the layer's zip)");
    }

    private record Result(int exit, String output) {}

    private static Result run(String... command) throws Exception {
        return runWith(Map.of(), command);
    }

    private static Result runWith(Map<String, String> environment, String... command) throws Exception {
        List<String> line = new ArrayList<>(List.of("bash", WRAPPER.toString()));
        line.addAll(List.of(command));
        ProcessBuilder builder = new ProcessBuilder(line).redirectErrorStream(true);
        builder.environment().put("LAMBDA_TASK_ROOT", "/var/task");
        builder.environment().remove("TOLLGATE_MAX_HEAP");
        builder.environment().putAll(environment);
        builder.redirectInput(new File("/dev/null"));
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        return new Result(process.waitFor(), output);
    }
}
