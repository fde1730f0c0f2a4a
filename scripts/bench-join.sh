#!/usr/bin/env bash
# Times `join contacts companies deals` over a generated folder of 1,000,000 contacts (or $1), their
# companies (N/10) and deals (3N/10), in the documented output format.
#   scripts/bench-join.sh [CONTACTS] [DIR]      default: 1000000 target/bench-join
# Prints the in-process figures of JoinBenchmark, then the wall time of the real command line.
# Needs about 1 GB of disk under DIR; delete DIR afterwards.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
contacts="${1:-1000000}"
dir="${2:-$root/target/bench-join}"
cd "$root"
mvn -B -q -ntp -Prunnable-jar -DskipTests -Dspotless.check.skip=true -Denforcer.skip=true -Dmdep.analyze.skip=true -pl cli -am install >/dev/null
cp_file="$(mktemp)"
mvn -B -q -ntp -pl cli dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile="$cp_file" >/dev/null
classpath="$root/cli/target/test-classes:$root/cli/target/classes:$(cat "$cp_file")"
rm -f "$cp_file"

java -Xmx1g -cp "$classpath" dev.hubspotextract.analyze.JoinBenchmark "$dir" "$contacts"

# the shaded jar the launcher runs (its name carries the version with some Maven settings)
jar="$(ls "$root"/cli/target/hubspot-extract*-all.jar | head -n 1)"
echo "command line (JVM start included, the launcher's JVM options):"
start=$(date +%s.%N)
java -Xmx1g -XX:+UseSerialGC -jar "$jar" join contacts companies deals --in "$dir/in" --out "$dir/joined-cli.csv"
end=$(date +%s.%N)
printf 'hubspot-extract join contacts companies deals --in %s --out %s: %.2f s\n' "$dir/in" "$dir/joined-cli.csv" "$(echo "$end - $start" | bc)"
