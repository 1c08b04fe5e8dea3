/**
 * What an option profile is, and the profiles every subscription has. [Q] a profile's type is
 * `user` (VM), `compliance` (PC) or `pci`; its title is its GROUP_NAME (option_profile_info.dtd,
 * as a client quotes it).
 */
export const PROFILE_TYPES = ['user', 'compliance', 'pci'] as const;
export type ProfileType = (typeof PROFILE_TYPES)[number];

/** [Q] the port scopes `scan_tcp_ports` and `scan_udp_ports` take (the Quick Reference). */
export const PORT_SCOPES = ['none', 'full', 'standard', 'light'] as const;

/** [Q names: the Quick Reference's VM create parameters] the scan settings a profile shows. */
export interface ProfileSettings {
  tcpPorts: (typeof PORT_SCOPES)[number];
  udpPorts: (typeof PORT_SCOPES)[number];
  performance: 'high' | 'normal' | 'low' | 'custom';
  detection: 'complete' | 'runtime';
  /** The authentication technologies enabled, e.g. `Windows`, `Unix/Cisco`. */
  authentication: readonly string[];
}

export interface OptionProfile {
  id: number;
  title: string;
  type: ProfileType;
  isDefault: boolean;
  isGlobal: boolean;
  /** [Q] Qualys's own profiles: exported only with include_system_option_profiles=1. */
  isSystem: boolean;
  owner: string;
  settings: ProfileSettings;
  updatedAt: string;
}

export const DEFAULT_SETTINGS: ProfileSettings = {
  tcpPorts: 'standard',
  udpPorts: 'standard',
  performance: 'normal',
  detection: 'complete',
  authentication: [],
};

/** [E] the built-ins' owner and date: the subscription's, not a user's. */
const BUILT_IN = { owner: 'qualys', updatedAt: '2020-01-01T00:00:00Z' } as const;

/**
 * [Q] `Initial Options` is the VM profile a new subscription starts with, its default (the
 * docs' scan samples name it); `Payment Card Industry (PCI) Options` is one of Qualys's system
 * profiles (a client's README). [E] their IDs, and that they are constants: no reset or seed
 * removes them.
 */
export const BUILT_IN_PROFILES: readonly OptionProfile[] = [
  { id: 1, title: 'Initial Options', type: 'user', isDefault: true, isGlobal: true, isSystem: false, settings: DEFAULT_SETTINGS, ...BUILT_IN },
  {
    id: 2,
    title: 'Payment Card Industry (PCI) Options',
    type: 'pci',
    isDefault: false,
    isGlobal: true,
    isSystem: true,
    settings: { ...DEFAULT_SETTINGS, tcpPorts: 'full', udpPorts: 'standard' },
    ...BUILT_IN,
  },
];

/** [E] stored profiles' IDs start above the built-ins'. */
export const FIRST_STORED_ID = 101;
