package dev.tollgate.local;

/** The model the tests here call: {@code mock-gpt-4o-mini}, answered in process by the mock provider. */
final class MockModel {
    /**
     * A config with that one model; a test adds its own after it (more of the model's fields, other models,
     * {@code settings:}), in YAML indented as this is.
     */
    static final String CONFIG = """
            models:
              - name: mock-gpt-4o-mini
                provider: mock
                base_model: gpt-4o-mini
            """;

    private MockModel() {}
}
