import { qualysErrors } from '../qualys/errors.js';
import type { RequestParams } from '../qualys/params.js';
import { PORT_SCOPES, type ProfileSettings } from './option-profile.js';
import type { NewProfile } from './option-profile-import.js';

/** [Q] a profile's title is at most 64 characters [E: as the import's GROUP_NAME]. */
const TITLE_MAX = 64;

/** [E] free-text values the emulator checks for length only. */
const TEXT_MAX = 1024;

/** The create parameters a profile keeps, which its OPTION_PROFILE shows. */
const KEPT = [
  'title',
  'owner',
  'default',
  'global',
  'scan_tcp_ports',
  'scan_udp_ports',
  'scan_overall_performance',
  'vulnerability_detection',
  'authentication',
];

/**
 * [Q names: the Quick Reference's Create VM Option Profile, as a Terraform provider's notes record
 * them] the parameters the emulator checks and does not keep [E]: an option profile has hundreds
 * of settings, of which it shows the ports, performance, detection and authentication.
 */
const FLAGS = [
  'offline_scanner',
  '3_way_handshake',
  'authoritative_option',
  'enable_max_scan_duration_per_asset',
  'scan_dead_hosts',
  'close_vuln_on_dead_hosts',
  'purge_host_data',
  'scan_parallel_scaling',
  'load_balancer',
  'basic_host_information_checks',
  'oval_checks',
  'all_qrdi_checks',
  'enable_additional_certificate_detection',
  'test_authentication',
  'include_system_auth',
  'use_system_auth_on_duplicate',
  'use_user_auth_on_duplicate',
  'enable_dissolvable_agent',
  'enable_windows_share_enumeration',
  'enable_lite_os_scan',
  'enable_partial_ssl_tls_auditing',
  'host_alive_testing',
  'not_overwrite_os',
  'ignore_firewall_generated_tcp_rst_packets',
  'ignore_all_tcp_rst_packets',
  'ignore_firewall_generated_tcp_syn_ack_packets',
  'not_send_tcp_ack_or_syn_ack_packets_during_host_discovery',
  'map_tcp_ports_standard_scan',
  'map_udp_ports_standard_scan',
  'perform_live_host_sweep',
  'disable_dns_traffic',
  'additional_tcp_ports',
  'additional_tcp_ports_standard_scan',
  'additional_udp_ports',
  'icmp',
  'blocked_resources',
];

const DELAYS = ['minimum', 'short', 'medium', 'long', 'maximum'] as const;
const PERFORMANCES = ['high', 'normal', 'low', 'custom'] as const;

/** [Q values: the same source] enumerated parameters, checked and not kept. */
const ENUMS: Readonly<Record<string, readonly string[]>> = {
  scan_packet_delay: DELAYS,
  map_packet_delay: DELAYS,
  scan_intensity: ['normal', 'medium', 'low', 'minimum'],
  password_brute_forcing_system: ['minimal', 'limited', 'standard', 'exhaustive'],
  basic_information_gathering: ['all', 'register', 'netblockonly', 'none'],
  map_overall_performance: PERFORMANCES,
  additional_udp_ports_type: ['standard', 'custom'],
  protected_ports: ['default', 'custom'],
  protected_ips: ['all', 'custom'],
  map_authentication: ['VMware', 'vCenter'],
};

/** [Q names: the same source] free values (ports, counts, search lists, headers), checked for length only [E]. */
const TEXTS = [
  'scan_tcp_ports_additional',
  'scan_udp_ports_additional',
  'max_scan_duration_per_asset_minutes',
  'not_found_alive_times',
  'external_scanners_use',
  'scan_external_scanners',
  'scan_scanner_appliances',
  'scan_total_process',
  'scan_http_process',
  'custom_search_list_ids',
  'custom_search_list_title',
  'exclude_search_list_ids',
  'password_brute_forcing_custom',
  'authentication_least_privilege',
  'custom_http_header',
  'custom_http_definition_key',
  'custom_http_definition_header',
  'map_tcp_ports_additional',
  'map_udp_ports_additional',
  'map_external_scanners',
  'map_scanner_appliances',
  'map_netblock_size',
  'additional_tcp_ports_additional',
  'additional_udp_ports_custom',
  'protected_ports_custom',
  'protected_ips_custom',
];

/** Every parameter a create or an update takes besides `action`, `echo_request` and (update) `id`. */
export const PROFILE_PARAMS: readonly string[] = [...KEPT, ...FLAGS, ...Object.keys(ENUMS), ...TEXTS];

/**
 * A profile as a create (from `base`, the defaults) or an update (from `base`, the profile as it
 * is) reads it: each parameter given replaces what `base` has; those not kept are checked only.
 */
export function readProfile(params: RequestParams, base: NewProfile & { owner?: string }): NewProfile & { owner?: string } {
  for (const name of FLAGS) params.oneOf(name, ['0', '1']);
  for (const [name, values] of Object.entries(ENUMS)) params.oneOf(name, values, true);
  for (const name of TEXTS) params.text(name, TEXT_MAX);
  const title = params.text('title', TITLE_MAX);
  if (title !== undefined && title.trim() === '') throw qualysErrors.invalidValue('title', title, 'a title cannot be empty');
  // [E] a custom detection names search lists, which the emulator does not hold
  const detection = params.oneOf('vulnerability_detection', ['complete', 'custom', 'runtime'], true);
  if (detection === 'custom') throw qualysErrors.invalidValue('vulnerability_detection', 'custom', 'search lists are not emulated: complete or runtime');
  const flag = (name: string, current: boolean) => {
    const value = params.oneOf(name, ['0', '1']);
    return value === undefined ? current : value === '1';
  };
  const s = base.settings;
  const settings: ProfileSettings = {
    tcpPorts: params.oneOf('scan_tcp_ports', PORT_SCOPES, true) ?? s.tcpPorts,
    udpPorts: params.oneOf('scan_udp_ports', PORT_SCOPES, true) ?? s.udpPorts,
    performance: params.oneOf('scan_overall_performance', PERFORMANCES, true) ?? s.performance,
    detection: detection ?? s.detection,
    authentication: params.has('authentication') ? ((params.list('authentication', TEXT_MAX) || undefined)?.split(',') ?? []) : s.authentication,
  };
  return {
    title: title?.trim() ?? base.title,
    type: base.type,
    isDefault: flag('default', base.isDefault),
    isGlobal: flag('global', base.isGlobal),
    // [E] the owner is not checked against the users, as elsewhere
    owner: params.text('owner', 255) || base.owner,
    settings,
  };
}
