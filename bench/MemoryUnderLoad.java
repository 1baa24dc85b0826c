import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tollgate.gateway.lambda.ProxyHandler;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The proxy's memory need (docs/cost.md): the Lambda artifact's handler answers API Gateway events, streamed
 * (buffered here: the larger case) and not, back to back for SECONDS seconds on THREADS threads (a Lambda
 * environment serves one invocation at a time; more threads only make the figure conservative). Prints the heap
 * used after a full GC (the live set), the most heap used at any sample, the committed heap, and the process's
 * resident set now and at its peak (VmRSS, VmHWM). Run by bench/memory.sh with the stack's JVM flags.
 * Usage: java -cp tollgate-lambda.jar bench/MemoryUnderLoad.java EVENT STREAM_EVENT SECONDS THREADS
 */
public class MemoryUnderLoad {
    public static void main(String[] args) throws Exception {
        ObjectMapper json = new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
        APIGatewayProxyRequestEvent plain = json.readValue(Files.readString(Path.of(args[0])), APIGatewayProxyRequestEvent.class);
        APIGatewayProxyRequestEvent stream = json.readValue(Files.readString(Path.of(args[1])), APIGatewayProxyRequestEvent.class);
        long seconds = Long.parseLong(args[2]);
        int threads = Integer.parseInt(args[3]);
        ProxyHandler handler = new ProxyHandler();
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        System.gc();
        long idleLive = memory.getHeapMemoryUsage().getUsed();
        String idleRss = rss();
        AtomicLong calls = new AtomicLong();
        AtomicLong errors = new AtomicLong();
        AtomicLong maxUsed = new AtomicLong();
        long end = System.nanoTime() + seconds * 1_000_000_000L;
        Thread[] workers = new Thread[threads];
        for (int t = 0; t < threads; t++) {
            workers[t] = new Thread(() -> {
                ColdStart.LocalContext context = new ColdStart.LocalContext();
                for (long i = 0; System.nanoTime() < end; i++) {
                    APIGatewayProxyResponseEvent r = handler.handleRequest(i % 2 == 0 ? plain : stream, context);
                    if (r.getStatusCode() != 200) {
                        errors.incrementAndGet();
                    }
                    calls.incrementAndGet();
                }
            });
            workers[t].start();
        }
        while (System.nanoTime() < end) {
            maxUsed.accumulateAndGet(memory.getHeapMemoryUsage().getUsed(), Math::max);
            Thread.sleep(50);
        }
        for (Thread w : workers) {
            w.join();
        }
        String loadedRss = rss();
        System.gc();
        long live = memory.getHeapMemoryUsage().getUsed();
        System.out.printf(
                "calls %d (errors %d) in %d s on %d threads; heap live idle %d MB, live after load %d MB, max used %d MB, committed %d MB;"
                        + " RSS idle %s, after load %s, peak %s%n",
                calls.get(), errors.get(), seconds, threads, idleLive >> 20, live >> 20, maxUsed.get() >> 20,
                memory.getHeapMemoryUsage().getCommitted() >> 20, idleRss, loadedRss, peak());
        System.exit(0);
    }

    private static String rss() throws Exception {
        return status("VmRSS");
    }

    private static String peak() throws Exception {
        return status("VmHWM");
    }

    private static String status(String field) throws Exception {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith(field + ":")) {
                return (Long.parseLong(line.replaceAll("\\D", "")) >> 10) + " MB";
            }
        }
        return "?";
    }
}
