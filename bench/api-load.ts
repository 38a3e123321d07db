/**
 * The load generator of api-run.js: 50 connections on loopback for a number of seconds, each request a
 * readings search for a random NMI of the generated read model. Latencies are kept per request, so the
 * percentiles are exact. Usage: node dist/bench/api-load.js <url> <token> <readings> <seconds>
 */
import autocannon from 'autocannon';
import { prng } from './generate.js';
import { nmiOf } from './read-model-loader.js';

const [url, token, readingsText, secondsText] = process.argv.slice(2);
const readings = Number(readingsText);
const random = prng(11);
const latencies: number[] = [];
let errors = 0;

const instance = autocannon({
  url: url ?? '',
  connections: 50,
  duration: Number(secondsText),
  headers: { authorization: `Bearer ${token ?? ''}` },
  requests: [
    {
      method: 'GET',
      setupRequest: (request) => ({
        ...request,
        path: `/api/readings?nmi=${nmiOf(Math.floor(random() * readings))}&limit=50`,
      }),
    },
  ],
});
(
  instance as unknown as {
    on(
      event: 'response',
      listener: (client: unknown, statusCode: number, bytes: number, responseTime: number) => void,
    ): void;
  }
).on('response', (_client, statusCode, _bytes, responseTime) => {
  latencies.push(responseTime);
  if (statusCode !== 200) errors++;
});
const result = await instance;
latencies.sort((a, b) => a - b);
const at = (p: number) =>
  latencies[Math.min(latencies.length - 1, Math.floor((p / 100) * latencies.length))] ?? Number.NaN;
process.stdout.write(
  `${JSON.stringify({
    requests: latencies.length,
    requestsPerSecond: Math.round(latencies.length / Number(secondsText)),
    p50: at(50),
    p95: at(95),
    p99: at(99),
    errors: errors + result.errors + result.timeouts,
  })}\n`,
);
