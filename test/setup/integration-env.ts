import { DefaultLogger, Runtime } from '@temporalio/worker';

// Workers in tests log warnings and errors only; INFO state changes drown the test output.
try {
  Runtime.install({ logger: new DefaultLogger('WARN'), shutdownSignals: [] });
} catch {
  // Already installed in this process by an earlier test file.
}
