import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { PostKind, Role, ZoneKind } from '@anchang/contracts';

const ZONE_COLORS: Record<ZoneKind, string> = {
  SALES_HALL: 'gold',
  BAR: 'orange',
  CAR_PARK: 'blue',
  SHOW_AREA: 'cyan',
  MODEL_ROOM: 'purple',
  SHUTTLE_ROUTE: 'geekblue',
  WASHROOM: 'lime',
  PERIPHERY: 'green',
  OFFICE: 'default',
};

const ROLE_COLORS: Record<Role, string> = {
  company_admin: 'magenta',
  site_manager: 'geekblue',
  supervisor: 'blue',
  staff: 'green',
  sales_consultant: 'purple',
  client_viewer: 'default',
};

export function ZoneKindTag({ kind }: { kind: ZoneKind }) {
  const { t } = useTranslation();
  return (
    <Tag color={ZONE_COLORS[kind]} variant="filled">
      {t(`zoneKinds.${kind}`)}
    </Tag>
  );
}

export function PostKindTag({ kind }: { kind: PostKind }) {
  const { t } = useTranslation();
  return <Tag variant="outlined">{t(`postKinds.${kind}`)}</Tag>;
}

export function RoleTag({ role }: { role: Role }) {
  const { t } = useTranslation();
  return (
    <Tag color={ROLE_COLORS[role]} variant="filled">
      {t(`roles.${role}`)}
    </Tag>
  );
}
