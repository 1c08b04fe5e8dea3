import type { FamilySeed } from '../api-family.js';
import { checkParams, type ActionContext, type ActionSpec, type Endpoint } from '../qualys/endpoint.js';
import { simpleReturn } from '../qualys/envelopes.js';
import { qualysErrors } from '../qualys/errors.js';
import { parseId } from '../qualys/id-set.js';
import { RequestParams } from '../qualys/params.js';
import { BUILT_IN_PROFILES, DEFAULT_SETTINGS, PROFILE_TYPES, type OptionProfile, type ProfileType } from './option-profile.js';
import { optionProfilesOutput } from './option-profile-output.js';
import type { OptionProfileStore } from './option-profile-store.js';
import { readImport, type NewProfile } from './option-profile-import.js';
import { PROFILE_PARAMS, readProfile } from './option-profile-input.js';
import { deleteById } from '../qualys/delete-action.js';

export const EXPORT_PATH = '/api/2.0/fo/subscription/option_profile/';

/**
 * [Q] the paths of each profile type (the Quick Reference via a client's notes); [Q secondary]
 * the VM profiles also at 4.0, 5.0 and 7.0 (release notes 10.36, 10.39.1 as a client reads them;
 * there is no 3.0); [Q] the PC profiles at 3.0 and 4.0 (the PC pages' version tabs). Every
 * version is answered as v2.0.
 */
export const LIST_PATHS: readonly { path: string; type: ProfileType }[] = [
  ...['2.0', '4.0', '5.0', '7.0'].map((v) => ({ path: `/api/${v}/fo/subscription/option_profile/vm/`, type: 'user' as const })),
  ...['2.0', '3.0', '4.0'].map((v) => ({ path: `/api/${v}/fo/subscription/option_profile/pc/`, type: 'compliance' as const })),
  { path: '/api/2.0/fo/subscription/option_profile/pci/', type: 'pci' },
];

/**
 * The TEXTs of a type's writes: [Q] a PC update's and a PC delete's (docs.qualys.com
 * update_pc_op.htm, delete_pc_op.htm); [Q partial] a VM create's begins `Option profile
 * successfully added` (a client matches that much), a VM update's `Option profile successfully
 * updated.` (a client's notes); [E] the rest, by analogy, PCI as VM.
 */
function texts(type: ProfileType) {
  const noun = type === 'compliance' ? 'Compliance Option profile' : 'Option profile';
  return { create: `${noun} successfully added.`, update: `${noun} successfully updated.`, delete: 'Option Profile Deleted Successfully' };
}

/** [E] the profiles a list shows: its type's, by `id` or exact `title` when given. */
function listed(store: OptionProfileStore, type: ProfileType | undefined, params: RequestParams, names: { id: string; title: string }): OptionProfile[] {
  const id = params.has(names.id) ? parseId(names.id, params.require(names.id)) : undefined;
  const title = params.text(names.title, 256) || undefined;
  return store.all().filter((p) => (type === undefined || p.type === type) && (id === undefined || p.id === id) && (title === undefined || p.title === title));
}

/** A new profile of `type` before its parameters are read: Qualys's defaults [E: the values]. */
const blank = (type: ProfileType): NewProfile => ({ title: '', type, isDefault: false, isGlobal: false, settings: DEFAULT_SETTINGS });

/** [E] a stored profile of the endpoint's type; the built-ins are constants, which no write changes. */
function stored(store: OptionProfileStore, type: ProfileType, id: number): OptionProfile {
  if (BUILT_IN_PROFILES.some((p) => p.id === id)) throw qualysErrors.invalidValue('id', String(id), 'a built-in option profile cannot be changed');
  const found = store.all().find((p) => p.id === id && p.type === type);
  if (!found) throw qualysErrors.noSuch('id', String(id), 'option profile');
  return found;
}

const answer = (ctx: ActionContext, text: string, id: number) => ({
  xml: ctx.render(simpleReturn({ request: ctx.echo, datetime: ctx.datetime, text, items: [{ key: 'ID', values: [String(id)] }] })),
});

/**
 * [Q] a type's path: list (GET or POST) answers OPTION_PROFILES with the type's profiles, system
 * ones included; create, update (`id`, then create's parameters) and delete (`id`) (POST) answer
 * a SIMPLE_RETURN with the profile's ID.
 */
export function optionProfileListEndpoint(store: OptionProfileStore, path: string, type: ProfileType): Endpoint {
  const list: ActionSpec = {
    methods: ['GET', 'POST'],
    allowed: ['action', 'id', 'title'],
    handle: (ctx) => ({ xml: ctx.render(optionProfilesOutput(listed(store, type, ctx.params, { id: 'id', title: 'title' }))) }),
  };
  const create: ActionSpec = {
    methods: ['POST'],
    allowed: ['action', 'echo_request', ...PROFILE_PARAMS],
    required: ['title'],
    handle(ctx) {
      const profile = readProfile(ctx.params, blank(type));
      return store.transaction(() => answer(ctx, texts(type).create, addProfile(store, profile, ctx.user, ctx.datetime)));
    },
  };
  const update: ActionSpec = {
    methods: ['POST'],
    allowed: ['action', 'echo_request', 'id', ...PROFILE_PARAMS],
    required: ['id'],
    handle(ctx) {
      const id = parseId('id', ctx.params.require('id'));
      return store.transaction(() => {
        const profile = readProfile(ctx.params, stored(store, type, id));
        const holder = store.idByTitle(type, profile.title);
        if (holder !== undefined && holder !== id) throw titleInUse(profile.title);
        store.update(id, { ...profile, owner: profile.owner ?? ctx.user, updatedAt: ctx.datetime });
        return answer(ctx, texts(type).update, id);
      });
    },
  };
  const remove = deleteById((ctx, id) =>
    store.transaction(() => {
      stored(store, type, id);
      store.delete(id);
      return answer(ctx, texts(type).delete, id);
    }),
  );
  return { path, actions: { list, create, update, delete: remove } };
}

const titleInUse = (title: string) => qualysErrors.invalidValue('title', title, 'an option profile of this type has this title');

/** Adds a profile, refusing a title its type already has (1905 [E]). */
function addProfile(store: OptionProfileStore, p: NewProfile & { owner?: string }, user: string, now: string): number {
  if (store.idByTitle(p.type, p.title) !== undefined) throw titleInUse(p.title);
  return store.insert({ ...p, owner: p.owner ?? user, updatedAt: now });
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

/** [E] a profile of a seed document: `type` (`user`, the default, `compliance` or `pci`) and the create's parameters. */
export interface SeedOptionProfile {
  [param: string]: string | number | undefined;
}

const SEED_RULES = { allowed: ['type', ...PROFILE_PARAMS], required: ['title'] };

/** The seed section `option_profiles`; its IDs are answered as `option_profile_ids`. */
export function optionProfileSeed(store: OptionProfileStore): FamilySeed {
  return {
    field: 'option_profiles',
    answer: 'option_profile_ids',
    create(entry, user, now) {
      const params = new RequestParams(entry.params().filter(([name]) => name !== 'action'));
      checkParams('create', SEED_RULES, params);
      return addProfile(store, readProfile(params, blank(params.oneOf('type', PROFILE_TYPES, true) ?? 'user')), user, now);
    },
  };
}
