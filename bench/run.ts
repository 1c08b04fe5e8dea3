import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PACKAGE_ROOT } from '../src/package-root.js';
import { load, LOAD, type LoadResult, type Scenario } from './load.js';
import { measure, startServer, type ServerProcess } from './processes.js';
import { cpuTable, extremeTable, loadTable, machine, scaleTable, targets, type Extreme, type Row } from './report.js';
import { ipOf, seedDocker, seedGroups, seedSubscriptionIps } from './seed.js';
import { storeAlone } from './store-alone.js';
import { GENERIC_WORST, WORST_CASES } from './worst-cases.js';
import { hostBench } from './hosts.js';
import { knowledgeBaseBench } from './knowledge-base.js';

/**
 * `npm run bench`: the emulator against a bare Koa server answering the same sizes, then how a
 * list page's cost grows with the records stored, then the widest ID and IP sets. Each server
 * runs in its own process; autocannon drives it over loopback.
 */
const BIN = join(PACKAGE_ROOT, 'bin', 'qualys-emulator.js');
const BASELINE = join(dirname(fileURLToPath(import.meta.url)), 'baseline-server.js');
const DOCKER = '/api/2.0/fo/auth/docker/';
const GENERIC = '/api/2.0/fo/auth/';
const IPS = '/api/2.0/fo/asset/ip/';
const GROUP = '/api/2.0/fo/asset/group/';
const CREDENTIAL = 'bench:bench';
const basic = (credential: string) => 'Basic ' + Buffer.from(credential).toString('base64');
const HEADERS = { Authorization: basic(CREDENTIAL), 'X-Requested-With': 'npm run bench' };
const FORM = { ...HEADERS, 'Content-Type': 'application/x-www-form-urlencoded' };
const SMALL = 1_000;
const LARGE = 100_000;

let serial = 0;
/** A create no earlier one conflicts with: fresh title, fresh IP past the seeded ones. */
const freshCreate = () => {
  serial++;
  return new URLSearchParams({ action: 'create', title: `bench-${serial}`, ips: ipOf(LARGE + serial), docker_command: '/usr/bin/docker' }).toString();
};

const SCENARIOS: Scenario[] = [
  { name: 'create', method: 'POST', path: DOCKER, headers: FORM, body: freshCreate, expectStatus: 200 },
  { name: 'list 10', method: 'GET', path: `${DOCKER}?action=list&ids=1-10`, headers: HEADERS, expectStatus: 200 },
  { name: 'list 1000 (one page)', method: 'GET', path: `${DOCKER}?action=list`, headers: HEADERS, expectStatus: 200 },
  // The same 1000 records, asked as a call the emulator has not answered before: rendered, not a kept answer.
  {
    name: 'list 1000 (a new call each time)',
    method: 'GET',
    path: `${DOCKER}?action=list&ids=1-${SMALL}`,
    freshPath: () => `${DOCKER}?action=list&ids=1-${SMALL + ++serial}`,
    headers: HEADERS,
    expectStatus: 200,
  },
  { name: 'auth failure', method: 'GET', path: `${DOCKER}?action=list`, headers: { ...HEADERS, Authorization: basic('bench:wrong') }, expectStatus: 401 },
];
const PAGE = SCENARIOS[3];
/** The asset groups' first 1000-group page, a new call each time, as PAGE is for records. */
const GROUP_PAGE: Scenario = {
  ...PAGE,
  name: 'group list 1000',
  path: `${GROUP}?action=list&ids=1-${SMALL}`,
  freshPath: () => `${GROUP}?action=list&ids=1-${SMALL + ++serial}`,
};
/** The baseline's path for a scenario. */
const slug = (s: Scenario) => `/${s.name.replace(/\W+/g, '-')}`;

async function send(url: string, s: Scenario, path = s.path, body = s.body?.()): Promise<{ status: number; body: string }> {
  const res = await fetch(url + path, { method: s.method, headers: s.headers, body });
  return { status: res.status, body: await res.text() };
}

const emulatorOn = (db: string, flags: readonly string[] = []) => startServer(BIN, ['--port', '0', '--db', db, '--user', CREDENTIAL, ...flags]);

/** Settings measured besides the defaults, each against the same baseline figures. */
const VARIANTS: { flags: string[]; scenarios: string[] }[] = [
  { flags: ['--durability', 'full'], scenarios: ['create'] },
  { flags: ['--validate-xml'], scenarios: ['create', 'list 10', 'list 1000 (one page)', 'list 1000 (a new call each time)'] },
];

/**
 * Each side-by-side scenario runs this many times, baseline and emulator in turn; the table shows
 * the round whose ratio is the median, so that one round disturbed by the machine's other work
 * neither makes nor misses a target.
 */
const ROUNDS = 3;

/** The round whose emulator-to-baseline ratio is the median of `rounds`. */
function medianRound(rounds: readonly Row[]): Row {
  const ratioOf = (r: Row) => r.emulator.rps / r.baseline.rps;
  const byRatio = [...rounds].sort((a, b) => ratioOf(a) - ratioOf(b));
  return { ...byRatio[Math.floor(byRatio.length / 2)], rounds: rounds.map(ratioOf) };
}

function warnIfWrong(label: string, r: LoadResult): LoadResult {
  if (r.wrong > 0) console.error(`  warning: ${label}: ${r.wrong} answers with an unexpected status or errors`);
  return r;
}

async function sideBySide(dir: string): Promise<Row[]> {
  const db = join(dir, 'side-by-side.sqlite');
  seedDocker(db, SMALL); // so the 1000-record page is full from the first request
  const emulator = await emulatorOn(db);
  let baseline: ServerProcess | undefined;
  try {
    // The baseline answers each scenario with the emulator's own answer to it, fixed.
    const answers: Record<string, { status: number; body: string }> = {};
    for (const s of SCENARIOS) answers[slug(s)] = await send(emulator.url, s);
    const file = join(dir, 'baseline-answers.json');
    writeFileSync(file, JSON.stringify(answers));
    baseline = await startServer(BASELINE, [file]);
    const rows: Row[] = [];
    for (const s of SCENARIOS) {
      console.error(`  ${s.name}: baseline, then emulator, ${ROUNDS} times (${LOAD.seconds} s each)`);
      const rounds: Row[] = [];
      for (let round = 0; round < ROUNDS; round++) {
        const b = warnIfWrong(`baseline ${s.name}`, await load(baseline, { ...s, expectStatus: answers[slug(s)].status }, slug(s)));
        const e = warnIfWrong(`emulator ${s.name}`, await load(emulator, s));
        rounds.push({ name: s.name, baseline: b, emulator: e });
      }
      rows.push(medianRound(rounds));
    }
    await emulator.stop();
    for (const v of VARIANTS) rows.push(...(await variant(db, v, rows)));
    return rows;
  } finally {
    await baseline?.stop();
    await emulator.stop();
  }
}

/** The scenarios of `v` on an emulator started with its flags, against the baseline rows already measured. */
async function variant(db: string, v: (typeof VARIANTS)[number], rows: readonly Row[]): Promise<Row[]> {
  const emulator = await emulatorOn(db, v.flags);
  try {
    const out: Row[] = [];
    for (const s of SCENARIOS.filter((x) => v.scenarios.includes(x.name))) {
      const name = `${s.name} (${v.flags.join(' ')})`;
      console.error(`  ${name}, ${ROUNDS} times (${LOAD.seconds} s each)`);
      const baselineRow = rows.find((r) => r.name === s.name)!.baseline;
      const rounds: Row[] = [];
      for (let round = 0; round < ROUNDS; round++)
        rounds.push({ name, baseline: baselineRow, emulator: warnIfWrong(`emulator ${name}`, await load(emulator, s)) });
      out.push(medianRound(rounds));
    }
    return out;
  } finally {
    await emulator.stop();
  }
}

/** Runs `fn` three times; the median time and the largest memory growth. */
async function extreme(server: ServerProcess, name: string, s: Scenario, path: string, body?: () => string, times = 3): Promise<Extreme> {
  const runs: { ms: number; memory: number; status: number; bytes: number }[] = [];
  for (let i = 0; i < times; i++) {
    let answer = { status: 0, body: '' };
    const m = await measure(server.pid, async () => (answer = await send(server.url, s, path, body?.())));
    runs.push({ ...m, status: answer.status, bytes: Buffer.byteLength(answer.body) });
  }
  runs.sort((a, b) => a.ms - b.ms);
  const median = runs[Math.floor(runs.length / 2)];
  return { name, status: median.status, bytes: median.bytes, ms: median.ms, memory: Math.max(...runs.map((r) => r.memory)) };
}

/** The largest requests --max-body lets through, each timed alone; `stored` names the database. */
async function worstCases(server: ServerProcess, stored: string, empty: boolean): Promise<Extreme[]> {
  const form = SCENARIOS[0];
  const out = [await extreme(server, `${GENERIC_WORST.name} (${stored})`, form, GENERIC, GENERIC_WORST.body)];
  for (const w of WORST_CASES.filter((c) => !empty || c.onEmpty)) {
    // A delete is measured once: the runs after it would find nothing left to delete.
    out.push(await extreme(server, `${w.name} (${stored})`, form, DOCKER, w.body, w.name.startsWith('delete') ? 1 : 3));
  }
  return out;
}

/** The first 1000-group page with SMALL and with LARGE asset groups stored. */
async function groupScale(dir: string): Promise<LoadResult[]> {
  const results: LoadResult[] = [];
  for (const count of [SMALL, LARGE]) {
    const db = join(dir, `groups-${count}.sqlite`);
    const started = Date.now();
    seedGroups(db, count);
    console.error(`  seeded ${count.toLocaleString('en-US')} asset groups in ${Date.now() - started} ms; 1000-group page (${LOAD.seconds} s)`);
    const emulator = await emulatorOn(db);
    try {
      results.push(warnIfWrong(`group page with ${count}`, await load(emulator, GROUP_PAGE)));
    } finally {
      await emulator.stop();
    }
  }
  return results;
}

async function scale(dir: string): Promise<{ small: LoadResult; large: LoadResult; extremes: Extreme[]; worst: Extreme[] }> {
  const results: LoadResult[] = [];
  const extremes: Extreme[] = [];
  const worst: Extreme[] = [];
  const create = SCENARIOS[0];
  for (const count of [SMALL, LARGE]) {
    const db = join(dir, `scale-${count}.sqlite`);
    const started = Date.now();
    seedDocker(db, count);
    seedSubscriptionIps(db, count);
    console.error(`  seeded ${count.toLocaleString('en-US')} records in ${Date.now() - started} ms; 1000-record page (${LOAD.seconds} s)`);
    const emulator = await emulatorOn(db);
    try {
      results.push(warnIfWrong(`page with ${count}`, await load(emulator, PAGE)));
      if (count === LARGE) {
        extremes.push(
          await extreme(emulator, `list ids=1-4294967295 (${count.toLocaleString('en-US')} records)`, PAGE, `${DOCKER}?action=list&ids=1-4294967295`),
        );
        extremes.push(
          await extreme(
            emulator,
            `create ips=0.0.0.0/0, refused: overlaps all ${count.toLocaleString('en-US')} records`,
            create,
            DOCKER,
            () => `action=create&title=everything-${serial++}&ips=0.0.0.0/0`,
          ),
        );
        worst.push(...(await worstCases(emulator, `${count.toLocaleString('en-US')} records`, false)));
      }
      // The subscription's IPs, each a run of its own: the list is not paged (as Qualys's), so the
      // whole list is timed, and one address found by an index seek.
      const ips = `${count.toLocaleString('en-US')} separate IPs`;
      extremes.push(await extreme(emulator, `IP list, all ${ips}`, PAGE, `${IPS}?action=list`));
      extremes.push(await extreme(emulator, `IP list ips=<one address> (${ips})`, PAGE, `${IPS}?action=list&ips=${ipOf(count)}`));
      extremes.push(await extreme(emulator, `IP update of one address (${ips})`, create, IPS, () => `action=update&ips=${ipOf(count)}&comment=c-${serial++}`));
      if (count === LARGE) {
        // the largest IP writes within --max-body: 60,000 separate addresses, after those stored
        const separate = Array.from({ length: 60_000 }, (_, i) => ipOf(2 * (count + i))).join(',');
        worst.push(await extreme(emulator, `IP add of 60,000 separate addresses (${ips})`, create, IPS, () => `action=add&enable_vm=1&ips=${separate}`, 1));
        worst.push(
          await extreme(emulator, `IP update of those 60,000 addresses (${ips})`, create, IPS, () => `action=update&comment=c-${serial++}&ips=${separate}`),
        );
      }
    } finally {
      await emulator.stop();
    }
  }
  const empty = await emulatorOn(join(dir, 'empty.sqlite'));
  try {
    extremes.unshift(await extreme(empty, 'create ips=0.0.0.0/0 (empty database)', create, DOCKER, () => 'action=create&title=everything&ips=0.0.0.0/0', 1));
    extremes.unshift(await extreme(empty, 'list ids=1-4294967295 (one record)', PAGE, `${DOCKER}?action=list&ids=1-4294967295`));
  } finally {
    await empty.stop();
  }
  const emptyAgain = await emulatorOn(join(dir, 'worst-empty.sqlite'));
  try {
    worst.unshift(...(await worstCases(emptyAgain, 'empty database', true)));
  } finally {
    await emptyAgain.stop();
  }
  return { small: results[0], large: results[1], extremes, worst };
}

/** `storeAlone` on three fresh databases of SMALL records: the median microseconds per create. */
function storeAloneMedian(dir: string): number {
  const runs = [0, 1, 2].map((i) => {
    const db = join(dir, `store-alone-${i}.sqlite`);
    seedDocker(db, SMALL);
    // about a second: the CPU clock counts hundredths
    return storeAlone(db, 50_000, LARGE);
  });
  return runs.sort((a, b) => a - b)[1];
}

async function main(): Promise<void> {
  const started = Date.now();
  const dir = mkdtempSync(join(tmpdir(), 'qe-bench-'));
  try {
    console.error(`Benchmark: ${LOAD.connections} connections, ${LOAD.seconds} s per run, servers in their own processes, file databases.`);
    const rows = await sideBySide(dir);
    console.error("  a create's store work alone, 3 times");
    const alone = storeAloneMedian(dir);
    const create = rows.find((r) => r.name === 'create')!;
    const { small, large, extremes, worst } = await scale(dir);
    const [groupsSmall, groupsLarge] = await groupScale(dir);
    const hosts = await hostBench({ dir, emulatorOn, headers: HEADERS });
    const knowledgeBase = await knowledgeBaseBench({ dir, emulatorOn, headers: HEADERS });
    const out = [
      `Machine: ${machine()}`,
      '',
      `Side by side (${LOAD.connections} connections, ${LOAD.seconds} s each, the median of ${ROUNDS} alternating rounds; ratio = emulator / baseline):`,
      '',
      loadTable(rows),
      '',
      "CPU time per answer, in the same rounds (user and system; the server's main thread, its event loop, and all its threads; the generator is the bench's own process):",
      '',
      cpuTable(rows),
      '',
      `A create's durable work alone (the record service's checks and rows, and a share of the COMMIT, without HTTP; ` +
        `CPU of the thread running it, the median of three loops of 50,000): ${alone.toFixed(1)} µs, ` +
        `against ${create.emulator.cpu.serverMain.toFixed(1)} µs of the emulator's main thread per create under load.`,
      '',
      'Scale (the first 1000-record page, a new call each time):',
      '',
      scaleTable(small, large, [`${SMALL.toLocaleString('en-US')} records stored`, `${LARGE.toLocaleString('en-US')} records stored`]),
      '',
      'Scale of the asset groups (the first 1000-group page, a new call each time):',
      '',
      scaleTable(groupsSmall, groupsLarge, [`${SMALL.toLocaleString('en-US')} groups stored`, `${LARGE.toLocaleString('en-US')} groups stored`]),
      '',
      "Widest sets (one request at a time, median of three; memory: peak growth of the server's RSS):",
      '',
      extremeTable(extremes),
      '',
      'Largest requests within --max-body (1 MiB; one at a time, median of three, a delete once; the server answers nobody else meanwhile):',
      '',
      extremeTable(worst),
      '',
      ...hosts,
      '',
      ...knowledgeBase,
      '',
      'Targets:',
      targets(rows, small, large, worst),
      '',
      `Total time: ${((Date.now() - started) / 1000).toFixed(0)} s`,
    ];
    console.log(out.join('\n'));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
