package dev.tollgate.gateway.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The layout rules of docs/architecture.md, checked on the compiled gateway: packages form no cycles, and
 * domain code reaches HTTP and AWS only through its adapters (controllers, filters, handlers, and the
 * DynamoDB/S3/SNS implementations of the domain's small interfaces).
 */
class ArchitectureTest {
    private static final String ROOT = "dev.tollgate.gateway";
    private static JavaClasses gateway;

    @BeforeAll
    static void importGateway() {
        gateway = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages(ROOT);
    }

    @Test
    void packages_formNoCycles() {
        slices().matching(ROOT + ".(*)..").should().beFreeOfCycles().check(gateway);
    }

    @Test
    void domainCode_usesNoHttpTypes() {
        noClasses()
                .that(domainCode())
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("io.micronaut.http..")
                .because("HTTP is translated at the edge: controllers, filters and http/")
                .check(gateway);
    }

    @Test
    void domainCode_usesNoAwsSdkTypes() {
        noClasses()
                .that(domainCode())
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("software.amazon.awssdk..", "com.amazonaws..")
                .because("storage failures are translated by the DynamoDB/S3/SNS adapters beside each interface")
                .check(gateway);
    }

    @Test
    void pipeline_isReachedOnlyFromTheProxyControllers() {
        noClasses()
                .that()
                .resideOutsideOfPackages(ROOT + ".pipeline..", ROOT + ".proxy..")
                .should()
                .dependOnClassesThat()
                .resideInAPackage(ROOT + ".pipeline..")
                .check(gateway);
    }

    /** Everything but the edges (HTTP, Lambda, local wiring), the upstream providers and the storage adapters. */
    private static DescribedPredicate<JavaClass> domainCode() {
        return DescribedPredicate.describe(
                "are domain code",
                c -> c.getPackageName().startsWith(ROOT)
                        && !inPackage(c, "http", "proxy", "lambda", "providers", "storage")
                        && !isAdapter(topLevelName(c)));
    }

    private static boolean inPackage(JavaClass c, String... packages) {
        for (String p : packages) {
            String name = ROOT + "." + p;
            if (c.getPackageName().equals(name) || c.getPackageName().startsWith(name + ".")) {
                return true;
            }
        }
        return false;
    }

    /** The source class a compiled class belongs to (nested classes and Micronaut's generated {@code $X$Definition}). */
    private static String topLevelName(JavaClass c) {
        String name = c.getName().substring(c.getPackageName().length() + 1);
        name = name.startsWith("$") ? name.substring(1) : name;
        return name.contains("$") ? name.substring(0, name.indexOf('$')) : name;
    }

    /**
     * The adapters, by the names the code gives them: the DynamoDB/S3/SNS implementations and the item
     * mappers and write builders they use, the Micronaut factories that choose between implementations,
     * the stream readers, and the controllers and handlers at the edge.
     */
    private static boolean isAdapter(String outer) {
        return outer.startsWith("DynamoDb")
                || outer.startsWith("Dynamodb")
                || outer.startsWith("S3")
                || outer.startsWith("Sns")
                || outer.endsWith("Items")
                || outer.endsWith("Write")
                || outer.endsWith("Writes")
                || outer.endsWith("Factory")
                || outer.endsWith("Beans")
                || outer.endsWith("Controller")
                || outer.endsWith("Handler")
                || ADAPTERS.contains(outer);
    }

    /** Adapters whose names do not say so. */
    private static final java.util.Set<String> ADAPTERS = java.util.Set.of(
            "Transactions", // budget: runs the ledger's DynamoDB transactions
            "StreamPoller", // spendlog: reads DynamoDB Streams locally, as Lambda's event source does on AWS
            "SpendLogShipper", // spendlog: takes Lambda's DynamoDB stream event
            "SecretValues"); // config: resolves ${NAME} from Secrets Manager
}
