#!/usr/bin/env bash
# Profiles our engine's question path and index build on the BBC library
# (with the seeds) and prints the top functions, for PROFILE.md.
# Usage: bash profile.sh [output folder]   (run from anywhere)
set -euo pipefail
cd "$(dirname "$0")"
out=${1:-$(mktemp -d)}
mkdir -p "$out"
out=$(cd "$out" && pwd)
go test -c -o "$out/bench.test" .
# The test binary runs here, where its relative paths to the data hold.
run() { "$out/bench.test" -test.run '^$' -test.outputdir "$out" "$@" >/dev/null; }

run -test.bench 'BenchmarkQueryOurs/bbc$' -test.benchtime 3000x -test.cpuprofile query.cpu
run -test.bench 'BenchmarkBuildOurs/bbc$' -test.benchtime 3x -test.cpuprofile build.cpu -test.memprofile build.mem

echo "## Question path: CPU, only samples under Library.Ask (BenchmarkQueryOurs/bbc, 3000 questions)"
go tool pprof -top -nodecount 25 -focus 'knowledge.\(\*Library\).Ask' "$out/bench.test" "$out/query.cpu" 2>/dev/null
echo
echo "## Index build: CPU (BenchmarkBuildOurs/bbc, 3 builds of 2,230 articles)"
go tool pprof -top -nodecount 25 "$out/bench.test" "$out/build.cpu" 2>/dev/null
echo
echo "## Index build: bytes allocated"
go tool pprof -top -nodecount 15 -sample_index alloc_space "$out/bench.test" "$out/build.mem" 2>/dev/null
echo
echo "profiles kept in $out"
