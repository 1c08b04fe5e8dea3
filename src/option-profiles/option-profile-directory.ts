import type { OptionProfile, ProfileType } from './option-profile.js';
import type { OptionProfileStore } from './option-profile-store.js';

/** What the option profiles offer the families after them: a profile named by ID or title. */
export interface OptionProfileDirectory {
  /** The profile of `type` with this ID or title, built-ins included; undefined when none. */
  find(type: ProfileType, by: { id: number } | { title: string }): OptionProfile | undefined;
  /** [Q] the profile of `type` a scan takes when it names none: the default one. */
  defaultOf(type: ProfileType): OptionProfile | undefined;
}

export interface OptionProfileOffers {
  optionProfiles: OptionProfileDirectory;
}

/** A subscription holds tens of profiles, so each look-up reads them all. */
export function optionProfileDirectory(store: OptionProfileStore): OptionProfileDirectory {
  const ofType = (type: ProfileType) => store.all().filter((p) => p.type === type);
  return {
    find: (type, by) => ofType(type).find((p) => ('id' in by ? p.id === by.id : p.title === by.title)),
    defaultOf: (type) => ofType(type).find((p) => p.isDefault) ?? ofType(type)[0],
  };
}
