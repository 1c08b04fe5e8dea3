import type { FamilyDashboard } from '../api-family.js';
import type { NetworkService } from './network-service.js';

/** [E] The networks as the dashboard reads them (`/_emulator/networks`): whether the feature is on, and every network. */
export function networksDashboard(service: NetworkService): FamilyDashboard {
  const answer = () => ({
    enabled: service.enabled,
    networks: service.list().map((n) => ({
      id: n.id,
      name: n.name,
      created: n.createdAt === undefined ? null : { datetime: n.createdAt, by: n.createdBy },
      last_modified: n.modifiedAt === undefined ? null : { datetime: n.modifiedAt, by: n.modifiedBy ?? null },
    })),
  });
  return { ui: 'networks.js', routes: [{ path: 'networks', answer }] };
}
