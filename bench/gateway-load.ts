import autocannon from 'autocannon';
import { envInt, fmt, type Benchmark } from './bench-kit';
import { BENCH_TOKEN, demoArchives, openDataSource, startGatewayProcess } from './pipeline';

/**
 * Archives accepted per second (stored, acts registered, workflows started:
 * what the gateway does before its 202) and latency, with autocannon's
 * concurrent clients each posting a distinct pre-generated archive. The gateway
 * runs in its own process, as in production; no worker drains the workflows.
 */
export const gatewayLoadBenchmark: Benchmark = async ({ stack: getStack, log }) => {
  const seconds = envInt('BENCH_GATEWAY_SECONDS', 30);
  const connections = envInt('BENCH_GATEWAY_CONNECTIONS', 50);
  const stack = await getStack();
  await (await openDataSource(stack, 1)).destroy();
  // Enough distinct archives for 400/s; beyond, re-sent archives are answered 200 (already accepted) and not counted.
  const archives = demoArchives(30, envInt('BENCH_GATEWAY_ARCHIVES', 400 * seconds)).map((a) => a.data);
  log(`gateway-load: ${archives.length} archives generated`);
  const gateway = await startGatewayProcess(stack, log);
  try {
    let next = 0;
    const body = () => archives[next++ % archives.length];
    const request = { method: 'POST', path: '/api/v1/transmissions', headers: { 'content-type': 'application/gzip', authorization: `Bearer ${BENCH_TOKEN}` } };
    // A short warm-up (JIT, pools), then the measured run.
    await autocannon({ url: gateway.baseUrl, connections: 4, duration: 3, requests: [{ ...request, setupRequest: (r) => ({ ...r, body: body() }) }] });
    const result = await autocannon({
      url: gateway.baseUrl,
      connections,
      duration: seconds,
      timeout: 30,
      requests: [{ ...request, setupRequest: (r) => ({ ...r, body: body() }) }],
    });
    const accepted = result.statusCodeStats?.['202']?.count ?? 0;
    const rate = accepted / result.duration;
    const fiveHundreds = result['5xx'];
    log(`gateway-load: ${JSON.stringify({ codes: result.statusCodeStats, errors: result.errors, timeouts: result.timeouts, p50: result.latency.p50, p99: result.latency.p99 })}`);
    const met = rate >= 200 && result.latency.p99 < 100 && fiveHundreds === 0 && result.errors === 0;
    return [
      {
        name: `Gateway load (${connections} clients, ${seconds} s)`,
        ours: `${fmt(rate, 0)} archives/s accepted`,
        reference: `p50 ${result.latency.p50} ms, p99 ${result.latency.p99} ms`,
        result: `${fmt(rate, 0)}/s, p99 ${result.latency.p99} ms`,
        target: '≥ 200/s, p99 < 100 ms',
        met,
        note: `${fmt(accepted)} accepted (202), ${fiveHundreds} 5xx, ${result.errors} errors, ${result.timeouts} timeouts`,
      },
    ];
  } finally {
    await gateway.stop();
  }
};
