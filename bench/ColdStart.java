import com.amazonaws.services.lambda.runtime.ClientContext;
import com.amazonaws.services.lambda.runtime.CognitoIdentity;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tollgate.gateway.lambda.ProxyHandler;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Cold start of the Lambda artifact without SnapStart: JVM start → handler constructed (what SnapStart
 * snapshots) → first API Gateway event answered. Run by bench/coldstart.sh with only the shaded jar on the
 * class path, as Lambda runs it.
 */
public class ColdStart {
    public static void main(String[] args) throws Exception {
        long jvmStart = ManagementFactory.getRuntimeMXBean().getStartTime();
        ObjectMapper json = new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
        APIGatewayProxyRequestEvent event = json.readValue(Files.readString(Path.of(args[0])), APIGatewayProxyRequestEvent.class);
        ProxyHandler handler = new ProxyHandler();
        long initialised = System.currentTimeMillis();
        APIGatewayProxyResponseEvent first = handler.handleRequest(event, new LocalContext());
        long answered = System.currentTimeMillis();
        long t0 = System.nanoTime();
        APIGatewayProxyResponseEvent second = handler.handleRequest(event, new LocalContext());
        long warm = (System.nanoTime() - t0) / 1_000_000;
        System.out.printf("status %d; JVM start → handler ready %d ms; → first response %d ms; second call %d ms%n",
                first.getStatusCode(), initialised - jvmStart, answered - jvmStart, warm);
        if (first.getStatusCode() != 200 || second.getStatusCode() != 200) {
            System.out.println(first.getBody());
            System.exit(1);
        }
        System.exit(0);
    }

    static final class LocalContext implements Context {
        public String getAwsRequestId() { return "cold-start"; }
        public String getLogGroupName() { return "local"; }
        public String getLogStreamName() { return "local"; }
        public String getFunctionName() { return "tollgate-proxy"; }
        public String getFunctionVersion() { return "1"; }
        public String getInvokedFunctionArn() { return "arn:aws:lambda:eu-west-1:123456789012:function:tollgate-proxy"; }
        public CognitoIdentity getIdentity() { return null; }
        public ClientContext getClientContext() { return null; }
        public int getRemainingTimeInMillis() { return 120_000; }
        public int getMemoryLimitInMB() { return 1024; }
        public LambdaLogger getLogger() {
            return new LambdaLogger() {
                public void log(String message) { System.out.println(message); }
                public void log(byte[] message) { System.out.println(new String(message)); }
            };
        }
    }
}
