import type { ReactNode } from 'react';
import { CameraOutline, ExclamationTriangleOutline, MoreOutline, PictureWrongOutline, ScanningFaceOutline, ShopbagOutline } from 'antd-mobile-icons';
import { INCIDENT_KINDS, type Incident } from '@anchang/contracts';

/** One picture per kind, so the guard finds it at a glance without reading. */
export const INCIDENT_KIND_ICONS: Record<Incident['kind'], ReactNode> = {
  suspicious_person: <ScanningFaceOutline />,
  missing_item: <ShopbagOutline />,
  unauthorised_photo: <CameraOutline />,
  accident: <ExclamationTriangleOutline />,
  damage: <PictureWrongOutline />,
  other: <MoreOutline />,
};

export { INCIDENT_KINDS };

export const SEVERITY_TAG_COLOR: Record<Incident['severity'], 'default' | 'warning' | 'danger'> = {
  low: 'default',
  medium: 'warning',
  high: 'danger',
};
