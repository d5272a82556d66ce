#!/usr/bin/env bash
# Runs the fault suite against the two-node deployment: brings it up unless it is up, builds the suite, runs the
# named scenarios (every one when none is named) and writes faults/results/<time>.md with a plot per scenario.
#   faults/run.sh [--down] [--FAULTS_RATE=10] [--FAULTS_DURATION_SECONDS=180] [scenario...]
# --down tears the deployment down afterwards. Settings may also come from the environment (see FaultSuite).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
down=0
args=()
for arg in "$@"; do
  if [[ $arg == --down ]]; then down=1; else args+=("$arg"); fi
done

# Up unless every container of it is running and healthy (status prints one line per container).
if [[ ! -f faults/target/deployment.env ]] \
  || faults/deployment.sh status | awk 'NR > 1 && $3 != "healthy" { bad = 1 } END { exit !bad }'; then
  faults/deployment.sh up
fi
./mvnw -q ${MAVEN_ARGS:-} package -pl faults -am -DskipTests
status=0
java -Dfaults.dir=faults -cp "faults/target/classes:$(cat faults/target/suite.classpath)" \
  io.oasis.faults.FaultSuite "${args[@]}" || status=$?
if ((down)); then
  faults/deployment.sh down
fi
exit "$status"
