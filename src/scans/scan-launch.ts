import type { ApplianceDirectory } from '../appliances/appliance-service.js';
import type { GroupDirectory, GroupIps } from '../asset-groups/group-directory.js';
import type { SubscriptionIps } from '../asset-ips/subscription-ips.js';
import type { RecordCoverage } from '../auth-records/record-service.js';
import type { NetworkDirectory } from '../networks/network-directory.js';
import type { OptionProfileDirectory } from '../option-profiles/option-profile-directory.js';
import type { ParamRules } from '../qualys/endpoint.js';
import { qualysErrors } from '../qualys/errors.js';
import { parseId } from '../qualys/id-set.js';
import { normalise, subtract, union, type IntervalSet } from '../qualys/interval-set.js';
import { formatIpSet, parseIpSet } from '../qualys/ip-set.js';
import type { RequestParams } from '../qualys/params.js';
import type { ScanKind, ScanProfile } from './scan.js';
import type { HostDetections } from '../hosts/host-detections.js';

/** What scans take from other families: every name a launch gives is checked through them. */
export interface ScanLinks {
  networks: NetworkDirectory;
  subscriptionIps: SubscriptionIps;
  appliances: ApplianceDirectory;
  optionProfiles: OptionProfileDirectory;
  assetGroups: GroupDirectory;
  authRecords: RecordCoverage;
  /** The detections of the hosts the hosts family keeps. */
  hostDetections: HostDetections;
}

/** A launch's parameters, checked: what the service stores, less the state. */
export interface LaunchInput {
  title: string;
  priority: number;
  networkId: number;
  target: IntervalSet;
  excluded: IntervalSet;
  assetGroups: string[];
  optionProfile: ScanProfile;
  scanner: string;
}

/** [Q: the launch page, XSOAR's and qualysdk's parameter lists] every launch parameter; compliance takes fewer. */
const VM_LAUNCH_PARAMS = [
  'action',
  'echo_request',
  'scan_title',
  'target_from',
  'ip',
  'asset_groups',
  'asset_group_ids',
  'exclude_ip_per_scan',
  'tag_include_selector',
  'tag_exclude_selector',
  'tag_set_by',
  'tag_set_include',
  'tag_set_exclude',
  'use_ip_nt_range_tags',
  'use_ip_nt_range_tags_include',
  'use_ip_nt_range_tags_exclude',
  'iscanner_id',
  'iscanner_name',
  'default_scanner',
  'scanners_in_ag',
  'scanners_in_tagset',
  'scanners_in_network',
  'option_title',
  'option_id',
  'priority',
  'connector_name',
  'ec2_endpoint',
  'ec2_instance_ids',
  'ip_network_id',
  'runtime_http_header',
  'scan_type',
  'fqdn',
  'client_id',
  'client_name',
  'include_agent_targets',
];
const NOT_FOR_COMPLIANCE = new Set([
  'scanners_in_tagset',
  'scanners_in_network',
  'connector_name',
  'ec2_endpoint',
  'ec2_instance_ids',
  'scan_type',
  'fqdn',
  'include_agent_targets',
]);

/** [Q] at most one of each group (1904). */
const EXCLUSIVE = [
  ['asset_groups', 'asset_group_ids'],
  ['iscanner_id', 'iscanner_name', 'default_scanner', 'scanners_in_ag'],
  ['option_title', 'option_id'],
  ['client_id', 'client_name'],
];

export function launchRules(kind: ScanKind): ParamRules {
  return { allowed: kind === 'vm' ? VM_LAUNCH_PARAMS : VM_LAUNCH_PARAMS.filter((p) => !NOT_FOR_COMPLIANCE.has(p)), exclusive: EXCLUSIVE };
}

/** [E] a parameter sent empty counts as not sent, as clients send every field of their forms. */
const given = (params: RequestParams, name: string) => (params.get(name) ?? '') !== '';

/** [Q] a scan's target: one of them at least. */
const TARGETS = ['ip', 'asset_groups', 'asset_group_ids'];

/** [Q] one of the names is needed (1903 naming them all). */
function requireOne(params: RequestParams, names: readonly string[]): void {
  if (!names.some((n) => given(params, n))) throw qualysErrors.missingOneOf(names);
}

/** [E] what the emulator has no model of is refused rather than silently ignored. */
function refuseUnmodelled(params: RequestParams): void {
  if (params.oneOf('target_from', ['assets', 'tags']) === 'tags') throw qualysErrors.invalidValue('target_from', 'tags', 'asset tags are not emulated');
  for (const name of ['fqdn', 'ec2_instance_ids', 'connector_name']) {
    if (given(params, name)) throw qualysErrors.invalidValue(name, params.require(name), 'not emulated: give ip, asset_groups or asset_group_ids');
  }
}

function groupsOf(params: RequestParams, links: ScanLinks): GroupIps[] {
  if (given(params, 'asset_groups')) {
    return splitList(params.require('asset_groups')).map((title) => links.assetGroups.byTitle(title) ?? missing('asset_groups', title, 'asset group'));
  }
  if (given(params, 'asset_group_ids')) {
    return splitList(params.require('asset_group_ids')).map((v) => {
      const id = parseId('asset_group_ids', v);
      return links.assetGroups.byIds([[id, id]])[0] ?? missing('asset_group_ids', v, 'asset group');
    });
  }
  return [];
}

const splitList = (value: string) =>
  value
    .split(',')
    .map((v) => v.trim())
    .filter((v) => v !== '');

function missing(name: string, value: string, what: string): never {
  throw qualysErrors.noSuch(name, value, what);
}

/** [Q] the appliance named, the groups' default one with `default_scanner`/`scanners_in_ag`, else Qualys's external scanners [Q: docs]. */
function scannerOf(params: RequestParams, groups: readonly GroupIps[], links: ScanLinks): string {
  const id = params.get('iscanner_id');
  if (id !== undefined && id !== '') {
    const n = parseId('iscanner_id', id);
    return links.appliances.names([n]).get(n) ?? missing('iscanner_id', id, 'scanner appliance');
  }
  const name = params.get('iscanner_name');
  if (name !== undefined && name !== '') {
    if (links.appliances.idByName(name) === undefined) missing('iscanner_name', name, 'scanner appliance');
    return name;
  }
  if (params.oneOf('default_scanner', ['0', '1']) === '1' || params.oneOf('scanners_in_ag', ['0', '1']) === '1') {
    const ids = groups.flatMap((g) => (g.defaultApplianceId === undefined ? [] : [g.defaultApplianceId]));
    const names = links.appliances.names(ids);
    if (ids.length > 0 && names.size > 0) return names.get(ids[0]) ?? [...names.values()][0];
  }
  return 'External Scanner';
}

function profileOf(params: RequestParams, kind: ScanKind, links: ScanLinks): ScanProfile {
  requireOne(params, ['option_title', 'option_id']);
  const type = kind === 'vm' ? 'user' : 'compliance';
  const id = params.get('option_id');
  const profile =
    id !== undefined && id !== ''
      ? (links.optionProfiles.find(type, { id: parseId('option_id', id) }) ?? missing('option_id', id, 'option profile'))
      : (links.optionProfiles.find(type, { title: params.require('option_title') }) ??
        missing('option_title', params.require('option_title'), 'option profile'));
  return { id: profile.id, title: profile.title, isDefault: profile.isDefault };
}

/** A launch's values checked against the subscription: IPs in it, groups, appliances and profiles that exist. */
export function readLaunch(params: RequestParams, kind: ScanKind, links: ScanLinks): LaunchInput {
  refuseUnmodelled(params);
  requireOne(params, TARGETS);
  const network = params.get('ip_network_id');
  const networkId = network === undefined || network === '' ? 0 : links.networks.networkId(network);
  const ips = given(params, 'ip') ? parseIpSet('ip', params.require('ip')) : [];
  // [Q recorded on the IP update; E here] every address must be in the subscription
  if (links.subscriptionIps.missing(ips, networkId).length > 0) throw qualysErrors.ipsNotInSubscription();
  const groups = groupsOf(params, links);
  const excluded = given(params, 'exclude_ip_per_scan') ? parseIpSet('exclude_ip_per_scan', params.require('exclude_ip_per_scan')) : [];
  const target = subtract(union(ips, normalise(groups.flatMap((g) => g.ips))), excluded);
  // [E] a launch whose exclusions leave nothing to scan is refused
  if (target.length === 0) throw qualysErrors.invalidValue('exclude_ip_per_scan', params.require('exclude_ip_per_scan'), 'no address left to scan');
  if (kind === 'compliance') checkComplianceAuth(target, links, TARGETS.find((n) => given(params, n))!);
  const title = params.text('scan_title', 2000);
  return {
    // [Q recorded] a scan launched without a title lists as N/A
    title: title === undefined || title.trim() === '' ? 'N/A' : title,
    priority: Number(params.integer('priority', 0, 9) ?? 0),
    networkId,
    target,
    excluded,
    assetGroups: groups.map((g) => g.title),
    optionProfile: profileOf(params, kind, links),
    scanner: scannerOf(params, groups, links),
  };
}

/** [Q product rule, issue 24; E refusal] a compliance scan's every target needs a Unix or Windows record. */
function checkComplianceAuth(target: IntervalSet, links: ScanLinks, param: string): void {
  const covered = normalise(['unix', 'windows'].flatMap((t) => links.authRecords.coveringRecords(t, target).map((c) => c.range)));
  const uncovered = subtract(target, covered);
  if (uncovered.length > 0) {
    throw qualysErrors.invalidValue(
      param,
      formatIpSet(uncovered)
        .map((e) => e.value)
        .join(','),
      'not covered by Unix or Windows authentication records',
    );
  }
}
