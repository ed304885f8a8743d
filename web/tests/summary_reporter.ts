import type { Reporter, TestModule } from 'vitest/node';

/** Ends the run with one plain line, "web: N passed, N failed" (", N skipped" when some were),
 *  which CI reads whatever the test runner (vitest's own summary is not one it knows). */
export default class SummaryReporter implements Reporter {
  onTestRunEnd(testModules: ReadonlyArray<TestModule>): void {
    const counts = { passed: 0, failed: 0, skipped: 0 };
    for (const module of testModules) {
      // A file whose setup failed (no server for the browser tests) has no test results: count
      // it as one failure so a run that tested nothing cannot read as a pass.
      if (module.state() === 'failed' && [...module.children.allTests()].every((test) => test.result().state !== 'failed')) {
        counts.failed += 1;
      }
      for (const test of module.children.allTests()) {
        const state = test.result().state;
        if (state === 'passed' || state === 'failed') {
          counts[state] += 1;
        } else {
          counts.skipped += 1;
        }
      }
    }
    const skipped = counts.skipped ? `, ${counts.skipped} skipped` : '';
    process.stdout.write(`web: ${counts.passed} passed, ${counts.failed} failed${skipped}\n`);
  }
}
