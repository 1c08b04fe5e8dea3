import type { FamilySeed } from '../api-family.js';
import { checkParams, type ActionSpec, type Endpoint } from '../qualys/endpoint.js';
import { simpleReturn } from '../qualys/envelopes.js';
import { qualysErrors } from '../qualys/errors.js';
import { parseId } from '../qualys/id-set.js';
import { RequestParams } from '../qualys/params.js';
import { DEFAULT_SETTINGS, PORT_SCOPES, PROFILE_TYPES, type OptionProfile, type ProfileType } from './option-profile.js';
import { optionProfilesOutput } from './option-profile-output.js';
import type { OptionProfileStore } from './option-profile-store.js';
import { readImport, type NewProfile } from './option-profile-import.js';

export const EXPORT_PATH = '/api/2.0/fo/subscription/option_profile/';

/**
 * [Q] the list paths, one per profile type (the Quick Reference via a client's notes); [Q
 * secondary] the VM list also at 4.0, 5.0 and 7.0 (release notes 10.36, 10.39.1 as a client
 * reads them; there is no 3.0), answered as v2.0.
 */
export const LIST_PATHS: readonly { path: string; type: ProfileType }[] = [
  ...['2.0', '4.0', '5.0', '7.0'].map((v) => ({ path: `/api/${v}/fo/subscription/option_profile/vm/`, type: 'user' as const })),
  { path: '/api/2.0/fo/subscription/option_profile/pc/', type: 'compliance' },
  { path: '/api/2.0/fo/subscription/option_profile/pci/', type: 'pci' },
];

/** [E] the profiles a list shows: its type's, by `id` or exact `title` when given. */
function listed(store: OptionProfileStore, type: ProfileType | undefined, params: RequestParams, names: { id: string; title: string }): OptionProfile[] {
  const id = params.has(names.id) ? parseId(names.id, params.require(names.id)) : undefined;
  const title = params.text(names.title, 256) || undefined;
  return store.all().filter((p) => (type === undefined || p.type === type) && (id === undefined || p.id === id) && (title === undefined || p.title === title));
}

/** [Q] a list answers OPTION_PROFILES with the type's profiles, system ones included. */
export function optionProfileListEndpoint(store: OptionProfileStore, path: string, type: ProfileType): Endpoint {
  const list: ActionSpec = {
    methods: ['GET', 'POST'],
    allowed: ['action', 'id', 'title'],
    handle: (ctx) => ({ xml: ctx.render(optionProfilesOutput(listed(store, type, ctx.params, { id: 'id', title: 'title' }))) }),
  };
  return { path, actions: { list } };
}

/** Adds a profile, refusing a title its type already has (1905 [E]). */
function addProfile(store: OptionProfileStore, p: NewProfile, user: string, now: string): number {
  if (store.idByTitle(p.type, p.title) !== undefined) throw qualysErrors.invalidValue('title', p.title, 'an option profile of this type has this title');
  return store.insert({ ...p, owner: user, updatedAt: now });
}

/**
 * [Q] export (GET or POST): the profiles as OPTION_PROFILES, the document import (POST, the
 * document as the body) takes back; Qualys's own profiles only with
 * include_system_option_profiles=1.
 */
export function optionProfileExportEndpoint(store: OptionProfileStore): Endpoint {
  const exportProfiles: ActionSpec = {
    methods: ['GET', 'POST'],
    allowed: ['action', 'output_format', 'option_profile_id', 'option_profile_title', 'option_profile_type', 'include_system_option_profiles'],
    handle(ctx) {
      const { params } = ctx;
      params.oneOf('output_format', ['XML'], true);
      const type = params.oneOf('option_profile_type', PROFILE_TYPES, true);
      const system = params.oneOf('include_system_option_profiles', ['0', '1']) === '1';
      const profiles = listed(store, type, params, { id: 'option_profile_id', title: 'option_profile_title' }).filter((p) => system || !p.isSystem);
      return { xml: ctx.render(optionProfilesOutput(profiles)) };
    },
  };
  const importProfiles: ActionSpec = {
    methods: ['POST'],
    allowed: ['action', 'echo_request'],
    handle(ctx) {
      const profiles = readImport(ctx.xmlBody);
      return store.transaction(() => {
        const ids = profiles.map((p) => addProfile(store, p, ctx.user, ctx.datetime));
        // [E] Qualys's answer to an import is not on record: a SIMPLE_RETURN with each new ID
        const items = ids.map((id) => ({ key: 'ID', values: [String(id)] }));
        return { xml: ctx.render(simpleReturn({ request: ctx.echo, datetime: ctx.datetime, text: 'Option profiles imported successfully', items })) };
      });
    },
  };
  return { path: EXPORT_PATH, actions: { export: exportProfiles, import: importProfiles } };
}

/** [E] a profile of a seed document: `title`, and the VM create parameters' names for what a profile shows. */
export interface SeedOptionProfile {
  [param: string]: string | number | undefined;
}

const SEED_RULES = {
  allowed: ['title', 'type', 'default', 'global', 'scan_tcp_ports', 'scan_udp_ports', 'scan_overall_performance', 'vulnerability_detection', 'authentication'],
  required: ['title'],
};

/** The seed section `option_profiles`; its IDs are answered as `option_profile_ids`. */
export function optionProfileSeed(store: OptionProfileStore): FamilySeed {
  return {
    field: 'option_profiles',
    answer: 'option_profile_ids',
    create(entry, user, now) {
      const params = new RequestParams(entry.params().filter(([name]) => name !== 'action'));
      checkParams('create', SEED_RULES, params);
      const profile: NewProfile = {
        title: params.text('title', 64)!,
        type: params.oneOf('type', PROFILE_TYPES, true) ?? 'user',
        isDefault: params.oneOf('default', ['0', '1']) === '1',
        isGlobal: params.oneOf('global', ['0', '1']) === '1',
        settings: {
          tcpPorts: params.oneOf('scan_tcp_ports', PORT_SCOPES, true) ?? DEFAULT_SETTINGS.tcpPorts,
          udpPorts: params.oneOf('scan_udp_ports', PORT_SCOPES, true) ?? DEFAULT_SETTINGS.udpPorts,
          performance: params.oneOf('scan_overall_performance', ['high', 'normal', 'low', 'custom'], true) ?? DEFAULT_SETTINGS.performance,
          detection: params.oneOf('vulnerability_detection', ['complete', 'runtime'], true) ?? DEFAULT_SETTINGS.detection,
          authentication: params.list('authentication', 1024)?.split(',') ?? [],
        },
      };
      return addProfile(store, profile, user, now);
    },
  };
}
