#!/bin/sh
# The CDK app, as cdk.json runs it. Needs Java 21+: the app loads the spend-log column list from the
# gateway jar (Java 21 bytecode). Uses $JAVA_HOME when set, else `java` on the PATH.
# Build first: ../mvnw -q -f pom.xml -DskipTests package (npm run build).
java="${JAVA_HOME:+$JAVA_HOME/bin/}java"
version=$("$java" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java\.specification\.version = //p')
case "$version" in
  1.*|9|1[0-9]|20)
    echo "tollgate-infra-cdk: needs Java 21 or later, but $java is Java $version: set JAVA_HOME to a JDK 21+" >&2
    exit 1 ;;
esac
if [ ! -d target/classes ] || [ ! -d target/dependency ]; then
  echo "tollgate-infra-cdk: not built yet: run 'npm run build' (or ../mvnw -q -f pom.xml -DskipTests package)" >&2
  exit 1
fi
exec "$java" -cp 'target/classes:target/dependency/*' dev.tollgate.infra.TollgateApp
