import { useState } from 'react';
import { useNavigate } from 'react-router';
import { Alert, Button, Card, Collapse, Flex, Space, Tag, Typography } from 'antd';
import { CheckCircleOutlined, WarningOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { CertificateKind, RosterConflict, RosterEntry } from '@anchang/contracts';
import { canManageSite } from '../../shared/auth/access';
import { useCurrentSite } from '../../shared/site/current-site';
import { CONFLICT_KINDS, groupConflicts, postsOfConflict, type ConflictIndex, type ConflictKind } from './roster-conflicts';
import { useDayLabel } from './day-label';

export const CONFLICT_COLORS: Record<ConflictKind, string> = {
  PERSON_DOUBLE_BOOKED: 'red',
  NO_PRE_JOB_TRAINING: 'gold',
  CERTIFICATE_MISSING: 'gold',
  POST_UNCOVERED: 'orange',
};

interface Props {
  conflicts: RosterConflict[];
  entries: RosterEntry[];
  index: ConflictIndex;
  postName: (postId: string | undefined) => string;
  personName: (personId: string | undefined) => string;
}

/** What the server found wrong with the week: people on two posts at once, untrained people, posts left empty. */
export function RosterConflictsPanel({ conflicts, entries, index, postName, personName }: Props) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const site = useCurrentSite();
  const dayLabel = useDayLabel();
  const present = CONFLICT_KINDS.filter((k) => index.countByKind[k] > 0);
  // The urgent kinds open by themselves; a week of gaps alone stays folded under its count.
  const [open, setOpen] = useState<string[] | null>(null);
  const defaultOpen = present.filter((k) => k !== 'POST_UNCOVERED');

  if (!conflicts.length) {
    return <Alert type="success" showIcon icon={<CheckCircleOutlined />} title={t('consoleShifts.conflicts.none')} style={{ marginBottom: 16 }} />;
  }

  const describe = (kind: ConflictKind, c: RosterConflict) => {
    switch (kind) {
      case 'PERSON_DOUBLE_BOOKED':
        return t('consoleShifts.conflicts.doubleBookedLine', {
          posts: postsOfConflict(c, entries).map(postName).join(t('common.listSeparator')),
          from: c.from,
          to: c.to,
        });
      case 'POST_UNCOVERED':
        return `${c.from}–${c.to}`;
      case 'NO_PRE_JOB_TRAINING':
        return null;
      case 'CERTIFICATE_MISSING':
        return [postName(c.postId), ...(c.certificateKinds ?? []).map((k) => t(`training.certificates.kinds.${k as CertificateKind}`))].join(' · ');
    }
  };

  return (
    <Card size="small" style={{ marginBottom: 16, borderColor: '#ffd591' }} styles={{ body: { padding: 0 } }} data-testid="roster-conflicts">
      <Collapse
        ghost
        activeKey={open ?? defaultOpen}
        onChange={(keys) => setOpen(keys)}
        items={present.map((kind) => ({
          key: kind,
          label: (
            <Space size={8}>
              <WarningOutlined style={{ color: kind === 'PERSON_DOUBLE_BOOKED' ? '#cf1322' : '#d46b08' }} />
              <Typography.Text strong>{t(`consoleShifts.conflicts.kinds.${kind}`)}</Typography.Text>
              <Tag color={CONFLICT_COLORS[kind]}>{index.countByKind[kind]}</Tag>
              <Typography.Text type="secondary">{t(`consoleShifts.conflicts.hints.${kind}`)}</Typography.Text>
            </Space>
          ),
          children: (
            <Flex vertical gap={8}>
              {groupConflicts(conflicts, kind).map((group) => (
                <Flex key={group.key} gap={12} align="baseline" data-testid="roster-conflict">
                  <Typography.Text strong style={{ minWidth: 140, flex: 'none' }}>
                    {kind === 'POST_UNCOVERED' ? postName(group.key) : personName(group.key)}
                  </Typography.Text>
                  <Space size={[4, 4]} wrap style={{ flex: 1 }}>
                    {group.conflicts.map((c, i) => {
                      const detail = describe(kind, c);
                      return (
                        <Tag key={`${c.date}:${i}`} color={CONFLICT_COLORS[kind]} variant="outlined">
                          {dayLabel(c.date)}
                          {detail ? ` · ${detail}` : ''}
                        </Tag>
                      );
                    })}
                  </Space>
                  {kind === 'NO_PRE_JOB_TRAINING' && canManageSite(site.role) ? (
                    <Button size="small" type="link" onClick={() => void navigate(`/sites/${site.id}/people`)}>
                      {t('consoleShifts.conflicts.recordTraining')}
                    </Button>
                  ) : null}
                  {kind === 'CERTIFICATE_MISSING' && canManageSite(site.role) ? (
                    <Button size="small" type="link" onClick={() => void navigate(`/sites/${site.id}/training?tab=certificates`)}>
                      {t('training.certificates.add')}
                    </Button>
                  ) : null}
                </Flex>
              ))}
            </Flex>
          ),
        }))}
      />
    </Card>
  );
}
