import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tollgate.gateway.lambda.ProxyHandler;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The Lambda handler's own cost per invocation: N back-to-back API Gateway events (mock model, no storage) on one
 * thread, as one execution environment serves them; prints the mean of the second half (after warm-up). Time it as
 * a whole process (user CPU seconds) to compare two builds of the jar.
 * Usage: java -cp tollgate-lambda.jar bench/HandlerCalls.java EVENT CALLS
 */
public class HandlerCalls {
    public static void main(String[] args) throws Exception {
        ObjectMapper json = new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
        APIGatewayProxyRequestEvent event = json.readValue(Files.readString(Path.of(args[0])), APIGatewayProxyRequestEvent.class);
        int calls = Integer.parseInt(args[1]);
        ProxyHandler handler = new ProxyHandler();
        ColdStart.LocalContext context = new ColdStart.LocalContext();
        long start = 0;
        for (int i = 0; i < calls; i++) {
            if (i == calls / 2) {
                start = System.nanoTime();
            }
            if (handler.handleRequest(event, context).getStatusCode() != 200) {
                System.exit(1);
            }
        }
        System.out.printf("handler: %.3f ms per call (mean of the last %d)%n", (System.nanoTime() - start) / 1e6 / (calls - calls / 2), calls - calls / 2);
        System.exit(0);
    }
}
