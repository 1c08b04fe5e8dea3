// @ts-check
/**
 * Builds elements from data: text always goes in as text, never as HTML, because what is shown
 * (titles, parameters, answer bodies) is whatever clients sent.
 * @param {string} tag
 * @param {Record<string, unknown>} [attrs] `on<event>` keys add listeners; false/null/undefined skip
 * @param {...unknown} children nodes, strings, numbers, arrays of them; false/null/undefined skip
 * @returns {HTMLElement}
 */
export function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === undefined || v === null || v === false) continue;
    if (k.startsWith('on') && typeof v === 'function') el.addEventListener(k.slice(2), /** @type {EventListener} */ (v));
    else el.setAttribute(k, v === true ? '' : String(v));
  }
  for (const c of children.flat(2)) {
    if (c === undefined || c === null || c === false) continue;
    el.append(c instanceof Node ? c : String(c));
  }
  return el;
}

/**
 * A table with a caption and column headers; each row is an array of cells (text or nodes).
 * @param {string} caption
 * @param {string[]} columns
 * @param {unknown[][]} rows
 */
export function table(caption, columns, rows) {
  return h(
    'table',
    {},
    h('caption', {}, caption),
    h(
      'thead',
      {},
      h(
        'tr',
        {},
        columns.map((c) => h('th', { scope: 'col' }, c)),
      ),
    ),
    h(
      'tbody',
      {},
      rows.map((cells) =>
        h(
          'tr',
          {},
          cells.map((c) => h('td', {}, c)),
        ),
      ),
    ),
  );
}

/**
 * A labelled input.
 * @param {string} label
 * @param {Record<string, unknown>} attrs
 */
export function field(label, attrs) {
  const input = h('input', attrs);
  return h('label', {}, h('span', {}, label), input);
}

/**
 * Shows a modal dialog; resolves with the value of the button that closed it ('' for Esc).
 * Focus moves into the dialog and back to where it was when it closes.
 * @param {string} title
 * @param {unknown[]} content
 * @param {{ label: string, value: string, danger?: boolean }[]} buttons
 * @returns {Promise<string>}
 */
export function dialog(title, content, buttons) {
  const opener = document.activeElement;
  const id = `dialog-${Math.random().toString(36).slice(2)}`;
  const form = h(
    'form',
    { method: 'dialog' },
    buttons.map((b) => h('button', { value: b.value, class: b.danger ? 'danger' : undefined }, b.label)),
  );
  const el = /** @type {HTMLDialogElement} */ (h('dialog', { 'aria-labelledby': id }, h('h2', { id }, title), content, form));
  document.body.append(el);
  return new Promise((resolve) => {
    el.addEventListener('close', () => {
      el.remove();
      if (opener instanceof HTMLElement) opener.focus();
      resolve(el.returnValue);
    });
    el.showModal();
  });
}

/** @param {string} title @param {string} message @param {string} action */
export async function confirm(title, message, action) {
  return (
    (await dialog(
      title,
      [h('p', {}, message)],
      [
        { label: 'Cancel', value: 'cancel' },
        { label: action, value: 'ok', danger: true },
      ],
    )) === 'ok'
  );
}

/** @param {string} text @param {boolean} [error] */
export function say(text, error = false) {
  const status = /** @type {HTMLElement} */ (document.getElementById('status'));
  status.textContent = text;
  status.classList.toggle('error', error);
}

/** Shows a failure in the status line. @param {unknown} err */
export function report(err) {
  say(err instanceof Error ? err.message : String(err), true);
}

/**
 * Runs `tick` now and every `ms` while the page is visible; returns a function that stops it.
 * @param {() => Promise<void>} tick
 * @param {number} ms
 */
export function every(tick, ms) {
  let stopped = false;
  /** @type {ReturnType<typeof setTimeout> | undefined} */
  let timer;
  const run = async () => {
    if (stopped) return;
    if (document.visibilityState === 'visible') {
      try {
        await tick();
      } catch (err) {
        report(err);
      }
    }
    if (!stopped) timer = setTimeout(run, ms);
  };
  void run();
  return () => {
    stopped = true;
    clearTimeout(timer);
  };
}
