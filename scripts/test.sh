#!/usr/bin/env bash
# The whole suite: lint, typecheck, integration tests on the embedded PostgreSQL 17
# and (when TEST_PG_SERVER_URL names one) on a PostgreSQL server, the crash test,
# and the browser tests in Debian's Chromium. Ends with each failed test and its first lines
# of error (CI shows only the tail of the output), then one "N passed, N failed" line.
set -uo pipefail
cd "$(dirname "$0")/.."
mkdir -p .tmp/reports
rm -f .tmp/reports/*.json
status=0
step() { printf '\n== %s\n' "$1"; }
run() { "$@" || status=1; }

step "lint"
run npx eslint .
step "typecheck"
run npx tsc --noEmit

step "integration tests on the embedded PostgreSQL 17"
run env -u TEST_DATABASE_URL npx vitest run --reporter=default --reporter=json --outputFile.json=.tmp/reports/embedded.json

if [ -n "${TEST_PG_SERVER_URL:-}" ]; then
  step "integration tests on the PostgreSQL server at TEST_PG_SERVER_URL"
  run env TEST_DATABASE_URL="$TEST_PG_SERVER_URL" npx vitest run --reporter=default --reporter=json --outputFile.json=.tmp/reports/server.json
else
  echo "(TEST_PG_SERVER_URL not set: skipping the second database; .ci/run sets it to Debian's PostgreSQL 15)"
fi

step "crash test (kill -9 during writes)"
run npx vitest run --config vitest.system.config.ts --reporter=default --reporter=json --outputFile.json=.tmp/reports/system.json

step "browser tests (Playwright + Chromium, axe)"
if [ -x "${CHROMIUM_PATH:-/usr/bin/chromium}" ]; then
  run npm run --silent test:e2e -- --reporter=default --reporter=json --outputFile.json=.tmp/reports/e2e.json
else
  echo "Chromium not found at ${CHROMIUM_PATH:-/usr/bin/chromium}: install it with 'apt-get install chromium' (bash .ci/run does)."
  status=1
fi

node -e '
  const fs = require("fs"), path = require("path");
  let passed = 0, failed = 0;
  for (const f of fs.readdirSync(".tmp/reports").sort()) {
    const r = JSON.parse(fs.readFileSync(".tmp/reports/" + f, "utf8"));
    const report = f.replace(".json", "");
    const before = failed;
    passed += r.numPassedTests;
    failed += r.numFailedTests;
    for (const file of r.testResults) {
      const where = report + ": " + path.relative(process.cwd(), file.name);
      const tests = file.assertionResults.filter((t) => t.status === "failed");
      // A file that failed without a failed test (it did not load, a hook threw) counts once.
      if (file.status === "failed" && file.message) {
        if (tests.length === 0) failed += 1;
        console.log("\nFAILED " + where + "\n  " + file.message.split("\n").slice(0, 8).join("\n  "));
      }
      for (const t of tests) {
        // Without the stack lines, so the cause (the "Got" line of a property, a diff) fits.
        const lines = t.failureMessages.join("\n").split("\n").filter((l) => !/^\s+at /.test(l));
        console.log("\nFAILED " + where + " > " + t.fullName + "\n  " + lines.slice(0, 24).join("\n  "));
      }
    }
    // A run that failed with every test passed (an unhandled error between tests) counts once; its output above says which.
    if (!r.success && failed === before) {
      failed += 1;
      console.log("\nFAILED " + report + ": the run failed outside any test (an unhandled error; see its output above)");
    }
  }
  console.log("\n" + passed + " passed, " + failed + " failed");
'
exit $status
