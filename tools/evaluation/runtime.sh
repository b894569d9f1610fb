# Sourced by evaluate.sh and levers.sh from the repository root: builds the evaluation module and the modules it
# depends on (from the root: the test command only verifies, it installs nothing), then sets CP to its run-time class
# path and the worker's run-time settings (scripts/worker-runtime.sh, DJL offline).
mvn -q -B -o -Dstyle.color=never -Dmaven.test.skip=true -pl tools/evaluation -am install
mvn -q -B -o -Dstyle.color=never -f tools/evaluation/pom.xml compile dependency:build-classpath \
  -Dmdep.outputFile=target/classpath.txt -Dmdep.includeScope=runtime
CP="tools/evaluation/target/classes:$(cat tools/evaluation/target/classpath.txt)"
export DJL_OFFLINE=true
source scripts/worker-runtime.sh
export GLIBC_TUNABLES="${GLIBC_TUNABLES:-$SPA_GLIBC_TUNABLES}"
