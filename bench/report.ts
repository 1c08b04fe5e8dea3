import { cpus, freemem, loadavg, totalmem } from 'node:os';
import type { LoadResult } from './load.js';

export interface Row {
  name: string;
  baseline: LoadResult;
  emulator: LoadResult;
  /** The ratio of every round run, when the row is the median of several. */
  rounds?: number[];
}

const fmt = (n: number, digits = 0) => n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });
const ratio = (a: number, b: number) => (b === 0 ? 'n/a' : `${(a / b).toFixed(2)}x`);
const gb = (bytes: number) => `${(bytes / 2 ** 30).toFixed(1)} GiB`;
const ms = (n: number) => (n < 10 ? n.toFixed(2) : n.toFixed(0));
export const mb = (bytes: number) => `${(bytes / 2 ** 20).toFixed(1)} MiB`;

/** Req/s ratio: emulator over baseline (higher is better); latency ratios likewise (lower is better). */
export function loadTable(rows: readonly Row[]): string {
  const lines = [
    '| scenario | baseline req/s | emulator req/s | ratio | every round | baseline p50 / p99 ms | emulator p50 / p99 ms | p50 ratio | p99 ratio |',
    '|---|---:|---:|---:|---:|---:|---:|---:|---:|',
  ];
  for (const { name, baseline: b, emulator: e, rounds } of rows) {
    const every = rounds === undefined ? '' : rounds.map((r) => r.toFixed(2)).join(', ');
    lines.push(
      `| ${name} | ${fmt(b.rps)} | ${fmt(e.rps)} | ${ratio(e.rps, b.rps)} | ${every} | ${ms(b.p50)} / ${ms(b.p99)} | ${ms(e.p50)} / ${ms(e.p99)} | ${ratio(e.p50, b.p50)} | ${ratio(e.p99, b.p99)} |`,
    );
  }
  return lines.join('\n');
}

/**
 * What each answer cost in CPU, from the same rounds as `loadTable`: the server's, and the load
 * generator's, which sets the baseline's rate when the server has time to spare.
 */
export function cpuTable(rows: readonly Row[]): string {
  const us = (n: number) => n.toFixed(1);
  return [
    '| scenario | baseline server µs, main thread / all | emulator server µs, main thread / all | ratio (main thread) | generator µs, baseline run / emulator run |',
    '|---|---:|---:|---:|---:|',
    ...rows.map(
      ({ name, baseline: b, emulator: e }) =>
        `| ${name} | ${us(b.cpu.serverMain)} / ${us(b.cpu.server)} | ${us(e.cpu.serverMain)} / ${us(e.cpu.server)} | ${ratio(e.cpu.serverMain, b.cpu.serverMain)} | ${us(b.cpu.generator)} / ${us(e.cpu.generator)} |`,
    ),
  ].join('\n');
}

export function scaleTable(small: LoadResult, large: LoadResult, labels: [string, string]): string {
  return [
    '| 1000-record page | req/s | p50 ms | p99 ms |',
    '|---|---:|---:|---:|',
    `| ${labels[0]} | ${fmt(small.rps)} | ${ms(small.p50)} | ${ms(small.p99)} |`,
    `| ${labels[1]} | ${fmt(large.rps)} | ${ms(large.p50)} | ${ms(large.p99)} |`,
    `| ratio | ${ratio(large.rps, small.rps)} | ${ratio(large.p50, small.p50)} | ${ratio(large.p99, small.p99)} |`,
  ].join('\n');
}

export interface Extreme {
  name: string;
  status: number;
  ms: number;
  memory: number;
  bytes: number;
}

export function extremeTable(rows: readonly Extreme[]): string {
  return [
    '| request | status | time ms | server memory growth | answer size |',
    '|---|---:|---:|---:|---:|',
    ...rows.map((r) => `| ${r.name} | ${r.status} | ${fmt(r.ms, 1)} | ${mb(r.memory)} | ${fmt(r.bytes)} B |`),
  ].join('\n');
}

export function machine(): string {
  return (
    `${cpus().length} cores (${cpus()[0]?.model.trim() ?? 'unknown CPU'}), ${gb(totalmem())} RAM (${gb(freemem())} free), ` +
    `load average ${loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')}, Node ${process.version}, ${process.platform}`
  );
}

/** A line per target: met or missed, with the measured figure. */
export function targets(rows: readonly Row[], small: LoadResult, large: LoadResult, worst: readonly Extreme[]): string {
  const byName = new Map(rows.map((r) => [r.name, r]));
  const check = (label: string, value: number, ok: boolean) => `- ${ok ? 'met' : 'MISSED'}: ${label} (measured ${value.toFixed(2)}x)`;
  const rps = (name: string) => {
    const r = byName.get(name)!;
    return r.emulator.rps / r.baseline.rps;
  };
  const growth = large.p50 / Math.max(small.p50, 1e-9);
  return [
    check('create >= 0.5x baseline req/s', rps('create'), rps('create') >= 0.5),
    check('list of 10 >= 0.6x baseline req/s', rps('list 10'), rps('list 10') >= 0.6),
    // a page never asked before: a repeated one is a kept answer, which says nothing of rendering
    check('one 1000-record page >= 0.3x baseline req/s', rps('list 1000 (a new call each time)'), rps('list 1000 (a new call each time)') >= 0.3),
    check('1000-record page p50 with 100,000 records <= 1.5x with 1,000', growth, growth <= 1.5),
    ...worst.map((w) => `- ${w.ms < 1000 && w.status === 200 ? 'met' : 'MISSED'}: ${w.name} answers 200 within 1 s (measured ${fmt(w.ms)} ms, ${w.status})`),
  ].join('\n');
}
