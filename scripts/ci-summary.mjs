// Prints the plain "N passed, N failed" line CI reads, summed over vitest JSON reports (the main run and the
// runs under other Node majors); exits non-zero on any failure, skipped test, zero tests, or a missing report.
import { readFileSync } from "node:fs";

const files = process.argv.slice(2);
if (files.length === 0) files.push("vitest-report.json");
let passed = 0;
let failed = 0;
let skipped = 0;
let failedSuites = 0;
for (const file of files) {
  let report;
  try {
    report = JSON.parse(readFileSync(file, "utf8"));
  } catch (error) {
    console.error(`No readable vitest report at ${file}: ${error.message}`);
    failed += 1;
    continue;
  }
  passed += report.numPassedTests ?? 0;
  failed += (report.numFailedTests ?? 0) + (report.numRuntimeErrorTestSuites ?? 0);
  skipped += (report.numPendingTests ?? 0) + (report.numTodoTests ?? 0);
  failedSuites += report.numFailedTestSuites ?? 0;
}
console.log(`vitest: ${passed} passed, ${failed} failed, ${skipped} skipped`);
if (failedSuites > 0) console.error(`${failedSuites} test file(s) failed`);
if (skipped > 0) console.error(`${skipped} test(s) skipped: skipped tests are defects here`);
process.exit(failed > 0 || failedSuites > 0 || skipped > 0 || passed === 0 ? 1 : 0);
