package dev.tollgate.analytics.store;

import java.time.Clock;
import java.time.Duration;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4FamilyHttpSigner;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;

/**
 * Aurora IAM authentication tokens: a SigV4-presigned {@code connect} request for the database user,
 * valid 15 minutes, used as the password when a connection opens (what the SDK's RDS utilities
 * compute, without pulling the whole RDS client into the artifact).
 */
public final class IamAuthTokens {
    private static final Duration LIFETIME = Duration.ofMinutes(15);

    private final AwsCredentialsProvider credentials;
    private final String region;
    private final Clock clock;
    private final AwsV4HttpSigner signer = AwsV4HttpSigner.create();

    public IamAuthTokens(AwsCredentialsProvider credentials, String region, Clock clock) {
        this.credentials = credentials;
        this.region = region;
        this.clock = clock;
    }

    /** {@code host:port/?Action=connect&DBUser=user&X-Amz-…}. */
    public String token(String host, int port, String user) {
        SdkHttpRequest request = SdkHttpRequest.builder()
                .method(SdkHttpMethod.GET)
                .protocol("https")
                .host(host)
                .port(port)
                .encodedPath("/")
                .putRawQueryParameter("Action", "connect")
                .putRawQueryParameter("DBUser", user)
                .build();
        SdkHttpRequest signed = signer.sign(r -> r.identity(credentials.resolveCredentials())
                        .request(request)
                        .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, "rds-db")
                        .putProperty(AwsV4HttpSigner.REGION_NAME, region)
                        .putProperty(AwsV4HttpSigner.AUTH_LOCATION, AwsV4FamilyHttpSigner.AuthLocation.QUERY_STRING)
                        .putProperty(AwsV4HttpSigner.EXPIRATION_DURATION, LIFETIME)
                        .putProperty(AwsV4HttpSigner.PAYLOAD_SIGNING_ENABLED, false)
                        .putProperty(software.amazon.awssdk.http.auth.spi.signer.HttpSigner.SIGNING_CLOCK, clock))
                .request();
        return signed.getUri().toString().substring("https://".length());
    }
}
