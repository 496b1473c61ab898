// Prints the plain "N passed, N failed" line CI reads, from vitest's JSON report; exits non-zero on any
// failure, on zero tests, or when the report is missing.
import { readFileSync } from "node:fs";

const file = process.argv[2] ?? "vitest-report.json";
let report;
try {
  report = JSON.parse(readFileSync(file, "utf8"));
} catch (error) {
  console.log("0 passed, 1 failed");
  console.error(`No readable vitest report at ${file}: ${error.message}`);
  process.exit(1);
}
const passed = report.numPassedTests ?? 0;
const failed = (report.numFailedTests ?? 0) + (report.numRuntimeErrorTestSuites ?? 0);
const skipped = (report.numPendingTests ?? 0) + (report.numTodoTests ?? 0);
const failedSuites = report.numFailedTestSuites ?? 0;
console.log(`vitest: ${passed} passed, ${failed} failed, ${skipped} skipped`);
if (failedSuites > 0) console.error(`${failedSuites} test file(s) failed`);
if (skipped > 0) console.error(`${skipped} test(s) skipped: skipped tests are defects here`);
process.exit(failed > 0 || failedSuites > 0 || skipped > 0 || passed === 0 ? 1 : 0);
