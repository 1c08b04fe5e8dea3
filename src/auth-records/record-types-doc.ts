import { listedFields, type FieldSpec, type RecordRule, type RecordType, type When } from './record-type.js';
import { genericListOrder } from './generic-list.js';

/** docs/record-types.md, written whole from the declarations by `npm run docs`. */
export const code = (s: string) => `\`${s}\``;
const cell = (text: string) => text.replaceAll('|', '\\|');

function valueText(f: FieldSpec): string {
  switch (f.kind ?? 'text') {
    case 'text':
      return `text, at most ${f.maxLength ?? 1024} characters`;
    case 'secret':
      return `secret, at most ${f.maxLength ?? 100} characters; never listed, masked in echoes, errors and the journal`;
    case 'port':
      return 'port, 1 to 65535';
    case 'flag':
      return '`0` or `1`';
    case 'enum':
      return `one of ${f.values!.map(code).join(', ')}`;
    case 'integer':
      return `integer${f.min !== undefined ? ` from ${f.min}` : ''}${f.max !== undefined ? ` to ${f.max}` : ''}`;
    case 'list':
      return `comma-separated${f.values ? `, each one of ${f.values.map(code).join(', ')}` : ''}, at most ${f.maxLength ?? 1024} characters`;
  }
}

function notes(f: FieldSpec): string {
  const out: string[] = [];
  if (f.required) out.push('required on create');
  if (f.only) out.push(`${f.only} only`);
  if (f.default !== undefined) out.push(`default ${code(f.default)}`);
  if (f.references === 'vault') out.push('an existing vault’s ID');
  if (f.references === 'vault-type') out.push('that vault’s type');
  return out.join('; ');
}

const when = (w: When) => `${code(w.param)} is ${w.is.map(code).join(' or ')}`;

/** A rule between fields, in words, with the CODE that refuses it. */
export function ruleText(r: RecordRule): string {
  switch (r.rule) {
    case 'requireOne':
      return `${r.params.length > 1 ? 'one of ' : ''}${r.params.map(code).join(', ')} is required${r.unless?.length || r.unlessGiven?.length ? ` unless ${[...(r.unless ?? []).map(when), ...(r.unlessGiven ?? []).map((f) => `the record holds ${code(f)}`)].join(' or ')}` : ''} (1903)`;
    case 'exclusive':
      return `${r.params.map(code).join(', ')} exclude each other (1904); on update, giving one drops the others`;
    case 'onlyWhen':
      return `${r.params.map(code).join(', ')} only while ${when(r.when)} (1905); dropped when an update ends that`;
    case 'requiredWhen':
      return `${r.params.map(code).join(', ')} required while ${when(r.when)} (1903)`;
    case 'together':
      return `${r.params.map(code).join(', ')} all or none (1903)`;
    case 'requiredValue':
      return `while ${when(r.when)}, ${when(r.then)} (1903 when missing, 1905 when another value)`;
  }
}

/** A table of fields: parameter, value, notes and the list element it is shown as. */
export function fieldTable(fields: readonly FieldSpec[]): string[] {
  const listed = new Set(listedFields(fields).map((f) => f.param));
  return [
    '| parameter | value | notes | listed as |',
    '|---|---|---|---|',
    ...fields.map(
      (f) =>
        `| ${code(f.param)} | ${cell(valueText(f))} | ${cell(notes(f))} | ${listed.has(f.param) ? `${code(f.element!)}${f.listed === 'last' ? ', after COMMENTS' : ''}` : ''} |`,
    ),
  ];
}

function typeSection(t: RecordType): string[] {
  const facts = [
    `- Source: <${t.source}>`,
    `- Endpoints: ${code(t.path)} and ${code(t.path.replace('/api/2.0/', '/api/3.0/'))}; list output ${code(t.list.root)}, DTD ${code(t.list.dtdPath)}`,
    ...(t.networkId === false ? ['- No `network_id` (1901).'] : []),
    ...(t.ips === 'optional' ? ['- `ips` is optional: a record may hold none.'] : []),
    ...(typeof t.ips === 'object'
      ? [
          `- ${['ips', ...t.ips.orOneOf].map(code).join(' or ')} is required (1903): a record may hold no IPs while it names ${t.ips.orOneOf.map(code).join(' or ')}.`,
        ]
      : []),
    ...(t.body
      ? [
          `- Create and update take a ${code(t.body.root)} XML document as their body ([api.md](api.md#unix-records)); its lists come after ${code(t.fields.find((f) => f.param === t.body!.listAfter)!.element!)} in the list output.`,
        ]
      : []),
    ...(t.hostRecord ? [`- With \`--require-host-record\`, every IP must be held by ${t.hostRecord.label} records (1905).`] : []),
    ...(t.listFilters?.length ? [`- List filters of its own: ${t.listFilters.map((f) => code(f.param)).join(', ')}.`] : []),
    ...(t.rules ?? []).map((r) => `- ${ruleText(r)}`),
  ];
  return [`## ${t.name}`, '', ...facts, '', ...fieldTable(t.fields), ''];
}

export function recordTypesDoc(types: readonly RecordType[]): string {
  const ordered = genericListOrder(types);
  return [
    '# Record types',
    '',
    '<!-- generated from src/auth-records/types/ by `npm run docs`; edit there, not here -->',
    '',
    'Every record type below takes `create`, `update`, `delete` (POST) and `list` (GET or POST) at',
    'its endpoint, with the parameters every type shares (`title`, `comments`, `ips`, `add_ips`,',
    '`remove_ips`, `network_id`, `ids` and the list filters: see [api.md](api.md)), plus its own',
    'listed here. Listed fields appear in the list output in table order, between TITLE and IP_SET,',
    'unless the table says after COMMENTS.',
    "Types are in the generic list's order ([fidelity.md §6](fidelity.md#6-generic-list)).",
    '',
    '| type | endpoint | source |',
    '|---|---|---|',
    ...ordered.map((t) => `| [${t.name}](#${t.name}) | ${code(t.path)} | <${t.source}> |`),
    '',
    ...ordered.flatMap(typeSection),
  ].join('\n');
}
