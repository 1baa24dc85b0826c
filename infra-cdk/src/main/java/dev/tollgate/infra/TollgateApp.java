package dev.tollgate.infra;

import software.amazon.awscdk.App;

/** Entry point run by the CDK CLI (see cdk.json). Context keys: {@link TollgateContext}. */
public final class TollgateApp {

    private TollgateApp() {}

    public static void main(final String[] args) {
        App app = new App();
        TollgateStackProps props = propsOrExit(app);
        new TollgateStack(
                app, "Tollgate-" + props.stage(), props, ControlPlaneProps.fromContext(app.getNode()::tryGetContext));
        // cdk-nag's AWS Solutions rules: an unaccepted finding is an error, and `cdk synth` stops on it.
        SecurityFindings.check(app);
        app.synth();
    }

    /** A bad context value is the user's to fix: one line on stderr, not a stack trace. */
    private static TollgateStackProps propsOrExit(final App app) {
        try {
            return TollgateContext.read(app.getNode()::tryGetContext);
        } catch (IllegalArgumentException e) {
            System.err.println("tollgate-infra-cdk: " + e.getMessage());
            System.exit(1);
            throw e;
        }
    }
}
