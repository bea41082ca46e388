import { useEffect, useMemo, useRef, useState } from 'react';
import { useBlocker, useNavigate, useParams } from 'react-router';
import { Alert, App, Button, Card, Col, Flex, Input, Row, Space, Tag, Timeline, Typography } from 'antd';
import { ArrowLeftOutlined, EditOutlined, ReloadOutlined, SaveOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { PHASES, POST_KINDS, type Phase, type PostKind, type PostStandard, type StandardItem, type Text } from '@anchang/contracts';
import { useLocale } from '../../i18n';
import { isApiError } from '../../shared/api/client';
import { describeError } from '../../shared/api/errors';
import { canManageSite, canReadPeople } from '../../shared/auth/access';
import { formatDateTime } from '../../shared/format/time';
import { useCurrentSite } from '../../shared/site/current-site';
import { EmptyState } from '../../shared/ui/empty-state';
import { ErrorAlert, PageSpinner } from '../../shared/ui/load-state';
import { PageHeader } from '../../shared/ui/page-header';
import { usePeople } from '../people/use-people';
import {
  addItem,
  itemsMissingText,
  itemsOfPhase,
  moveItem,
  normaliseItems,
  removeItem,
  sameItems,
  updateItem,
  type ItemPatch,
} from './standard-draft';
import { PhaseItems, type ItemEditing } from './standard-items';
import { localText, newSiteItemId } from './standard-text';
import { useSaveStandard, useStandard, useStandardVersions } from './use-standards';
import styles from './standard.module.css';

const isPostKind = (value: string | undefined): value is PostKind => (POST_KINDS as readonly string[]).includes(value ?? '');

/** `standards/:postKind`: one post's duties, service flow, norms and checklist items, and its history. */
export function StandardDetailPage() {
  const { t } = useTranslation();
  const { postKind } = useParams();
  const navigate = useNavigate();
  const site = useCurrentSite();
  if (!isPostKind(postKind)) {
    return (
      <EmptyState
        title={t('common.notFound')}
        action={<Button onClick={() => void navigate(`/sites/${site.id}/standards`)}>{t('common.back')}</Button>}
      />
    );
  }
  return <StandardDetail postKind={postKind} />;
}

interface Draft {
  baseVersion: number;
  /** The items as they were when editing started: what "changed" is measured against. */
  original: StandardItem[];
  items: StandardItem[];
}

function StandardDetail({ postKind }: { postKind: PostKind }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const locale = useLocale();
  const site = useCurrentSite();
  const standard = useStandard(site.id, postKind);
  const save = useSaveStandard(site.id, postKind);
  const editable = canManageSite(site.role);
  const [draft, setDraft] = useState<Draft | null>(null);
  const [changeNote, setChangeNote] = useState('');
  const [invalidIds, setInvalidIds] = useState<ReadonlySet<string>>(new Set());
  const [conflict, setConflict] = useState(false);

  const changed = !!draft && !sameItems(draft.items, draft.original);
  const newerVersion = draft && standard.data && standard.data.version !== draft.baseVersion ? standard.data.version : null;

  // Unsaved edits survive neither a click elsewhere in the console nor a closed tab without a question.
  const blocker = useBlocker(({ currentLocation, nextLocation }) => changed && currentLocation.pathname !== nextLocation.pathname);
  useEffect(() => {
    if (!changed) return;
    const warn = (event: BeforeUnloadEvent) => event.preventDefault();
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, [changed]);

  const addedIds = useMemo(() => {
    const known = new Set(draft?.original.map((i) => i.id));
    return new Set((draft?.items ?? []).filter((i) => !known.has(i.id)).map((i) => i.id));
  }, [draft]);

  const summary = useMemo(() => {
    if (!draft) return null;
    const before = new Map(draft.original.map((i) => [i.id, i]));
    const after = new Set(draft.items.map((i) => i.id));
    const removed = draft.original.filter((i) => !after.has(i.id)).length;
    const edited = draft.items.filter((i) => {
      const old = before.get(i.id);
      return old && JSON.stringify(old) !== JSON.stringify(i);
    }).length;
    return { added: addedIds.size, removed, edited };
  }, [draft, addedIds]);

  if (standard.isPending) return <PageSpinner />;
  if (standard.isError) {
    return (
      <>
        <BackLink />
        <ErrorAlert error={standard.error} onRetry={() => void standard.refetch()} />
      </>
    );
  }
  const current = standard.data;
  const items = draft?.items ?? current.items;

  const startEditing = () => {
    setDraft({ baseVersion: current.version, original: current.items, items: current.items });
    setChangeNote('');
    setInvalidIds(new Set());
    setConflict(false);
  };
  const stopEditing = () => {
    setDraft(null);
    setConflict(false);
    setInvalidIds(new Set());
  };
  const reload = async () => {
    stopEditing();
    await standard.refetch();
  };
  const edit = (change: (items: StandardItem[]) => StandardItem[]) => setDraft((d) => (d ? { ...d, items: change(d.items) } : d));

  const editing: ItemEditing | null = draft
    ? {
        onChange: (id: string, patch: ItemPatch) => edit((list) => updateItem(list, id, patch)),
        onMove: (id, direction) => edit((list) => moveItem(list, id, direction)),
        onRemove: (id) => edit((list) => removeItem(list, id)),
        onAdd: (phase: Phase) => edit((list) => addItem(list, phase, newSiteItemId(list))),
        addedIds,
        invalidIds,
      }
    : null;

  const onSave = async () => {
    if (!draft) return;
    const missing = itemsMissingText(draft.items);
    if (missing.length) {
      setInvalidIds(new Set(missing));
      void message.error(t('consoleShifts.standard.fixMissing', { count: missing.length }));
      return;
    }
    try {
      const saved = await save.mutateAsync({ baseVersion: draft.baseVersion, items: normaliseItems(draft.items), changeNote: changeNote.trim() });
      setDraft(null);
      void message.success(t('consoleShifts.standard.savedVersion', { version: saved.version }));
    } catch (error) {
      if (isApiError(error, 'STANDARD_VERSION_CONFLICT')) setConflict(true);
      else void message.error(describeError(error));
    }
  };

  return (
    <>
      <BackLink />
      <PageHeader
        title={
          <Space size={10}>
            {localText(current.title, locale)}
            <Tag color="blue" style={{ fontSize: 13 }}>
              {t('consoleShifts.standards.versionTag', { version: current.version })}
            </Tag>
          </Space>
        }
        subtitle={t('consoleShifts.standard.subtitle', {
          updated: formatDateTime(current.createdAt, site.timeZone),
          library: current.libraryVersion,
          count: current.items.length,
        })}
        extra={
          editable && !draft ? (
            <Button type="primary" icon={<EditOutlined />} onClick={startEditing}>
              {t('consoleShifts.standard.edit')}
            </Button>
          ) : null
        }
      />

      {conflict || newerVersion ? (
        <Alert
          type={conflict ? 'error' : 'warning'}
          showIcon
          title={conflict ? t('consoleShifts.standard.conflictTitle') : t('consoleShifts.standard.newerTitle', { version: newerVersion })}
          description={t('consoleShifts.standard.conflictHint')}
          action={
            <Button icon={<ReloadOutlined />} onClick={() => void reload()}>
              {t('consoleShifts.standard.reload')}
            </Button>
          }
          style={{ marginBottom: 16 }}
          data-testid="standard-conflict"
        />
      ) : null}

      <Row gutter={[20, 20]}>
        <Col xs={24} xl={16}>
          <Flex vertical gap={20}>
            {PHASES.map((phase) => (
              <PhaseItems key={phase} phase={phase} items={itemsOfPhase(items, phase)} locale={locale} editing={editing} />
            ))}
          </Flex>
        </Col>
        <Col xs={24} xl={8}>
          <Flex vertical gap={20}>
            <TextListCard title={t('consoleShifts.standard.duties')} texts={current.duties} ordered />
            <TextListCard title={t('consoleShifts.standard.flow')} texts={current.flow} steps />
            {current.norms.length ? <TextListCard title={t('consoleShifts.standard.norms')} texts={current.norms} /> : null}
            <VersionHistory postKind={postKind} current={current} />
          </Flex>
        </Col>
      </Row>

      {draft ? (
        <div className={styles.saveBar} data-testid="standard-save-bar">
          <Flex align="center" gap={12} wrap>
            <Typography.Text type={changed ? undefined : 'secondary'} style={{ whiteSpace: 'nowrap' }}>
              {!changed || !summary
                ? t('consoleShifts.standard.noChanges')
                : summary.added + summary.removed + summary.edited === 0
                  ? t('consoleShifts.standard.orderChanged')
                  : t('consoleShifts.standard.changeSummary', summary)}
            </Typography.Text>
            <Input
              value={changeNote}
              onChange={(e) => setChangeNote(e.target.value)}
              maxLength={200}
              placeholder={t('consoleShifts.standard.changeNotePlaceholder')}
              aria-label={t('consoleShifts.standard.changeNote')}
              style={{ flex: 1, minWidth: 240 }}
            />
            <Space>
              <Button onClick={stopEditing} disabled={save.isPending}>
                {t('common.cancel')}
              </Button>
              <Button type="primary" icon={<SaveOutlined />} loading={save.isPending} disabled={!changed || conflict} onClick={() => void onSave()}>
                {t('consoleShifts.standard.saveVersion', { version: draft.baseVersion + 1 })}
              </Button>
            </Space>
          </Flex>
        </div>
      ) : null}

      <LeaveGuard blocker={blocker} />
    </>
  );
}

function BackLink() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const site = useCurrentSite();
  return (
    <Button
      type="link"
      icon={<ArrowLeftOutlined />}
      onClick={() => void navigate(`/sites/${site.id}/standards`)}
      style={{ padding: 0, marginBottom: 8 }}
    >
      {t('consoleShifts.standard.backToList')}
    </Button>
  );
}

/** Asks before a navigation would drop unsaved edits. */
function LeaveGuard({ blocker }: { blocker: ReturnType<typeof useBlocker> }) {
  const { t } = useTranslation();
  const { modal } = App.useApp();
  const blocked = blocker.state === 'blocked';
  // One question per blocked navigation: the blocker object changes identity on every render.
  const latest = useRef(blocker);
  latest.current = blocker;
  useEffect(() => {
    if (!blocked) return;
    modal.confirm({
      title: t('common.unsavedHint'),
      content: t('consoleShifts.standard.leaveHint'),
      okText: t('consoleShifts.standard.leave'),
      okButtonProps: { danger: true },
      cancelText: t('consoleShifts.standard.stay'),
      onOk: () => latest.current.proceed?.(),
      onCancel: () => latest.current.reset?.(),
    });
  }, [blocked, modal, t]);
  return null;
}

function TextListCard({ title, texts, ordered, steps }: { title: string; texts: Text[]; ordered?: boolean; steps?: boolean }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const body = !texts.length ? (
    <Typography.Text type="secondary">{t('common.none')}</Typography.Text>
  ) : steps ? (
    <ol className={styles.steps}>
      {texts.map((text, i) => (
        <li key={i}>{localText(text, locale)}</li>
      ))}
    </ol>
  ) : ordered ? (
    <ol className={styles.duties}>
      {texts.map((text, i) => (
        <li key={i}>{localText(text, locale)}</li>
      ))}
    </ol>
  ) : (
    <ul className={styles.duties}>
      {texts.map((text, i) => (
        <li key={i}>{localText(text, locale)}</li>
      ))}
    </ul>
  );
  return (
    <Card title={title} size="small">
      {body}
    </Card>
  );
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function VersionHistory({ postKind, current }: { postKind: PostKind; current: PostStandard }) {
  const { t } = useTranslation();
  const site = useCurrentSite();
  const versions = useStandardVersions(site.id, postKind);
  // Who saved a version: the server records a name, or a person id for the library's adoption.
  const people = usePeople(site.id, { enabled: canReadPeople(site.role) });
  const nameOf = (by: string | null) => {
    if (!by) return t('audit.system');
    if (!UUID.test(by)) return by;
    return people.data?.find((p) => p.id === by)?.name ?? null;
  };
  const note = (changeNote: string) => {
    const adopted = /^adopted library (.+)$/.exec(changeNote);
    if (adopted) return t('consoleShifts.standard.adoptedNote', { library: adopted[1] });
    return changeNote || t('consoleShifts.standard.noChangeNote');
  };
  return (
    <Card title={t('consoleShifts.standard.history')} size="small" loading={versions.isPending}>
      {versions.isError ? <ErrorAlert error={versions.error} onRetry={() => void versions.refetch()} /> : null}
      <Timeline
        style={{ marginTop: 8 }}
        items={(versions.data ?? [])
          .slice()
          .sort((a, b) => b.version - a.version)
          .map((v) => ({
            key: v.versionId,
            color: v.version === current.version ? 'blue' : 'gray',
            content: (
              <Flex vertical>
                <Space size={6}>
                  <Typography.Text strong>{t('consoleShifts.standards.versionTag', { version: v.version })}</Typography.Text>
                  {v.version === current.version ? <Tag color="blue">{t('consoleShifts.standard.currentVersion')}</Tag> : null}
                </Space>
                <Typography.Text>{note(v.changeNote)}</Typography.Text>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {[formatDateTime(v.createdAt, site.timeZone), nameOf(v.createdBy)].filter(Boolean).join(' · ')}
                </Typography.Text>
              </Flex>
            ),
          }))}
      />
    </Card>
  );
}
