import type { FamilyDashboard } from '../api-family.js';
import type { ApplianceService } from './appliance-service.js';

/**
 * The appliances as the dashboard reads them (`/_emulator/appliances`): JSON, by ID. [E] At most
 * `pageSize()`: a subscription holds a handful.
 */
export function appliancesDashboard(service: ApplianceService, pageSize: () => number): FamilyDashboard {
  const list = () => ({
    appliances: service.list({}, pageSize()).map((a) => ({
      id: a.id,
      name: a.name,
      type: a.type,
      status: a.status,
      network_id: a.networkId,
      polling_interval: a.pollingInterval,
      activation_code: a.type === 'virtual' ? a.activationCode : null,
      tags: a.tags,
      vlans: a.vlans.length,
      routes: a.routes.length,
      comments: a.comments ?? null,
      updated: a.updatedAt,
    })),
    licenses: { count: service.licensesUsed() + service.remainingLicenses(), used: service.licensesUsed() },
  });
  return { ui: 'appliances.js', routes: [{ path: 'appliances', answer: list }] };
}
