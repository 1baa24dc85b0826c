package dev.tollgate.athena;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** Every report query file's expectation, by file name. */
final class Expectations {
    private static final Map<String, Expectation> ALL;

    static {
        Map<String, Expectation> all = new LinkedHashMap<>();
        SpendExpectations.register(all);
        TimeExpectations.register(all);
        QualityExpectations.register(all);
        FocusExpectations.register(all);
        ALL = Collections.unmodifiableMap(all);
    }

    private Expectations() {}

    static Map<String, Expectation> all() {
        return ALL;
    }
}
