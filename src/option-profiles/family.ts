import type { ApiFamily } from '../api-family.js';
import { v2Dtd } from '../qualys/bundled-dtd.js';
import { OptionProfileStore } from './option-profile-store.js';
import { LIST_PATHS, optionProfileExportEndpoint, optionProfileListEndpoint, optionProfileSeed } from './option-profile-endpoint.js';
import { OPTION_PROFILES_DTD, optionProfilesDtd } from './option-profile-output.js';
import { optionProfileDirectory, type OptionProfileOffers } from './option-profile-directory.js';

/** [Q] Option profiles (/api/2.0/fo/subscription/option_profile/): the VM, PC and PCI lists and the export, with Qualys's default profile. */
export const optionProfilesFamily: ApiFamily<object, OptionProfileOffers> = {
  name: 'option-profiles',
  callers: 'authenticated',
  secrets: [],
  dtds: [v2Dtd(OPTION_PROFILES_DTD, optionProfilesDtd)],
  docs: [],
  build({ database }) {
    const store = new OptionProfileStore(database);
    return {
      endpoints: [...LIST_PATHS.map(({ path, type }) => optionProfileListEndpoint(store, path, type)), optionProfileExportEndpoint(store)],
      seed: optionProfileSeed(store),
      dashboard: {
        ui: 'option-profiles.js',
        routes: [
          {
            path: 'option-profiles',
            answer: () => ({
              option_profiles: store.all().map((p) => ({
                id: p.id,
                title: p.title,
                type: p.type,
                default: p.isDefault,
                global: p.isGlobal,
                system: p.isSystem,
                owner: p.owner,
                settings: p.settings,
                updated: p.updatedAt,
              })),
            }),
          },
        ],
      },
      offers: { optionProfiles: optionProfileDirectory(store) },
    };
  },
};
