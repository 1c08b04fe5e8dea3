import type { ActionContext, ActionResult } from '../qualys/endpoint.js';
import { qualysDateTime, listOutput, simpleReturn, type RequestEcho } from '../qualys/envelopes.js';
import type { QualysItem } from '../qualys/errors.js';
import { formatIpSet } from '../qualys/ip-set.js';
import { cdataLeaf, el, elOf, leaf, type XmlDocumentSpec, type XmlElement } from '../qualys/xml.js';
import { durationOf } from './scan-clock.js';
import { PRIORITY_NAMES, type Scan } from './scan.js';

/** [Q sample, 2025] the list's DTD; [Q sample, 2024] v3.0 lists name their own path. */
export const SCAN_LIST_DTD = '/api/2.0/fo/scan/scan_list_output.dtd';
export const SCAN_LIST_DTD_V3 = '/api/3.0/fo/scan/scan_list_output.dtd';
/** [Q recorded, 2023] a launch's SIMPLE_RETURN names this DTD, not simple_return.dtd. */
export const LAUNCH_DTD = '/api/2.0/fo/scan/dtd/launch_output.dtd';

/** [Q] what the show_* flags of the list add or hide. */
export interface ListShow {
  status: boolean;
  target: boolean;
  assetGroups: boolean;
  optionProfile: boolean;
}

/** [Q] a target as the list shows it: addresses and ranges, comma separated [E: with a space]. */
export const targetText = (scan: Scan) =>
  formatIpSet(scan.target)
    .map((e) => e.value)
    .join(', ');

function scanElement(scan: Scan, subState: string | undefined, show: ListShow): XmlElement {
  const { status } = scan;
  return el(
    'SCAN',
    // [E] compliance scans list their ID (their list takes a scan_id filter); VM scans do not [Q recorded]
    scan.kind === 'compliance' && leaf('ID', String(scan.id)),
    leaf('REF', scan.ref),
    leaf('TYPE', scan.type),
    cdataLeaf('TITLE', scan.title),
    leaf('USER_LOGIN', scan.userLogin),
    leaf('LAUNCH_DATETIME', qualysDateTime(new Date(scan.launchedAt))),
    leaf('DURATION', durationOf(status)),
    leaf('PROCESSING_PRIORITY', `${scan.priority} - ${PRIORITY_NAMES[scan.priority]}`),
    leaf('PROCESSED', status.processed ? '1' : '0'),
    show.status && el('STATUS', leaf('STATE', status.state), subState !== undefined && leaf('SUB_STATE', subState)),
    show.target && cdataLeaf('TARGET', targetText(scan)),
    show.assetGroups &&
      scan.assetGroups.length > 0 &&
      elOf(
        'ASSET_GROUP_TITLE_LIST',
        scan.assetGroups.map((t) => cdataLeaf('ASSET_GROUP_TITLE', t)),
      ),
    show.optionProfile && el('OPTION_PROFILE', cdataLeaf('TITLE', scan.optionProfile.title), leaf('DEFAULT_FLAG', scan.optionProfile.isDefault ? '1' : '0')),
  );
}

/** [Q] SCAN_LIST_OUTPUT; an empty list has no SCAN_LIST [Q recorded]. */
export function scanListOutput(r: {
  echo?: RequestEcho;
  datetime: string;
  dtdPath: string;
  scans: readonly { scan: Scan; subState?: string }[];
  show: ListShow;
}): XmlDocumentSpec {
  return listOutput({
    dtdPath: r.dtdPath,
    root: 'SCAN_LIST_OUTPUT',
    echo: r.echo,
    datetime: r.datetime,
    list: 'SCAN_LIST',
    items: r.scans.map((s) => scanElement(s.scan, s.subState, r.show)),
  });
}

/** [Q recorded] ITEM `ID` then `REFERENCE`. */
const scanItems = (scan: Scan): QualysItem[] => [
  { key: 'ID', values: [String(scan.id)] },
  { key: 'REFERENCE', values: [scan.ref] },
];

/** [Q recorded] `New vm scan launched` with the launch DTD; [E] `New compliance scan launched` with the same. */
export function launchAnswer(ctx: ActionContext, scan: Scan): ActionResult {
  const doc = simpleReturn({ request: ctx.echo, datetime: ctx.datetime, text: `New ${scan.kind} scan launched`, items: scanItems(scan) });
  return { xml: ctx.render({ ...doc, dtdPath: LAUNCH_DTD }) };
}

/**
 * [Q recorded: delete; qualysdk's outputs] the management answers' TEXTs; [Q recorded] a
 * compliance scan's carry its ID and REFERENCE, a VM scan's the TEXT alone.
 */
export const MANAGE_TEXTS = { cancel: 'Cancelling scan', pause: 'Pausing scan', resume: 'Resuming scan', delete: 'Deleting scan' } as const;

export function manageAnswer(ctx: ActionContext, action: keyof typeof MANAGE_TEXTS, scan: Scan): ActionResult {
  const items = scan.kind === 'compliance' ? scanItems(scan) : undefined;
  return { xml: ctx.render(simpleReturn({ request: ctx.echo, datetime: ctx.datetime, text: MANAGE_TEXTS[action], items })) };
}
