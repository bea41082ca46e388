import { ZONE_CAPACITY_REQUIRED, ZONE_CAPACITY_UNIT, type ZoneKind } from '@anchang/contracts';

/** Hall seats and parking spaces must be given; the other kinds in ZONE_CAPACITY_UNIT take one optionally. */
export const capacityUnit = (kind: ZoneKind | undefined) => (kind ? ZONE_CAPACITY_UNIT[kind] : undefined);
export const isCapacityRequired = (kind: ZoneKind | undefined) => !!kind && ZONE_CAPACITY_REQUIRED.includes(kind);
