// @ts-check
import { api } from './api.js';
import { confirm, say } from './dom.js';
import * as records from './records.js';
import * as requests from './requests.js';
import * as faults from './faults.js';
import * as tools from './tools.js';
import * as assets from './assets.js';
import * as knowledgeBase from './knowledge-base.js';
import * as differences from './differences.js';
import * as hosts from './hosts.js';
import * as scans from './scans.js';

/** @typedef {{ title: string, render(main: HTMLElement): () => void }} View */
/** @type {Record<string, View>} */
const VIEWS = { records, assets, hosts, 'knowledge-base': knowledgeBase, scans, requests, faults, tools, differences };

const main = /** @type {HTMLElement} */ (document.getElementById('view'));
/** @type {(() => void) | undefined} */
let stop;

/** Shows the view the URL's fragment names; each view stops its own polling when left. */
function show() {
  const name = location.hash.slice(1) in VIEWS ? location.hash.slice(1) : 'records';
  stop?.();
  for (const a of document.querySelectorAll('nav a')) {
    if (a.getAttribute('href') === `#${name}`) a.setAttribute('aria-current', 'page');
    else a.removeAttribute('aria-current');
  }
  document.title = `${VIEWS[name].title} · Qualys emulator dashboard`;
  main.replaceChildren();
  stop = VIEWS[name].render(main);
}

async function reset() {
  if (
    !(await confirm(
      'Reset the emulator?',
      'Every record, session, journal entry, fault rule, rate count and tool run listed is deleted; IDs restart at 1. Runtime settings are kept.',
      'Reset',
    ))
  )
    return;
  try {
    await api.post('reset');
    say('The emulator was reset.');
    show();
  } catch (err) {
    say(`Reset failed: ${/** @type {Error} */ (err).message}`, true);
  }
}

/** Reads the chosen seed document and, once confirmed, creates its records (all or nothing). */
async function seed(/** @type {HTMLInputElement} */ input) {
  const file = input.files?.[0];
  input.value = '';
  if (!file) return;
  let doc;
  try {
    doc = JSON.parse(await file.text());
  } catch (err) {
    say(`${file.name} is not JSON: ${/** @type {Error} */ (err).message}`, true);
    return;
  }
  const what = (/** @type {number} */ records, /** @type {number} */ vaults) => `${vaults > 0 ? `${vaults} vault(s) and ` : ''}${records} record(s)`;
  const count = (/** @type {unknown} */ list) => (Array.isArray(list) ? list.length : 0);
  if (
    !(await confirm(
      'Seed from a file?',
      `Create the ${what(count(doc?.records), count(doc?.vaults))} of ${file.name}? If one is refused, none is created.`,
      'Seed',
    ))
  )
    return;
  try {
    const { ids, vault_ids: vaultIds } = await api.post('seed', doc);
    say(`Created ${what(ids.length, count(vaultIds))} from ${file.name}.`);
    show();
  } catch (err) {
    say(`Seeding from ${file.name} failed: ${/** @type {Error} */ (err).message}`, true);
  }
}

const seedInput = /** @type {HTMLInputElement} */ (document.getElementById('seed-file'));
document.getElementById('seed')?.addEventListener('click', () => seedInput.click());
seedInput.addEventListener('change', () => void seed(seedInput));
document.getElementById('reset')?.addEventListener('click', () => void reset());
window.addEventListener('hashchange', show);
show();
