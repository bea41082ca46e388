import { useMemo, useState } from 'react';
import { Button, TextArea, Toast } from 'antd-mobile';
import { LabelledStepper } from '../../shared/ui-mobile/labelled-stepper';
import { CheckCircleFill, ClockCircleFill, ExclamationCircleFill, PictureOutline } from 'antd-mobile-icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { CheckLineStatus, ModelRoom, ModelRoomCheck, ModelRoomCheckBody, ModelRoomItem } from '@anchang/contracts';
import { useMe } from '../../shared/auth/use-auth';
import { describeError } from '../../shared/api/errors';
import { formatLocal, minutesOfDay } from '../../shared/format/time';
import { useStaffSite } from '../../shared/site/staff-site';
import { MobileSpinner } from '../../shared/ui-mobile/mobile-spinner';
import { newId } from '../../shared/offline/new-id';
import { useWaitingOps } from '../../shared/offline/outbox-client';
import { sendThroughOutbox } from '../../shared/offline/send-through-outbox';
import type { ModelRoomCheckOp } from './outbox-kinds';
import { PhotoCapture } from '../../shared/photos/photo-capture';
import { photoUrl, useModelRooms, useRoomItems } from './use-model-rooms';
import { modelRoomsKey } from './model-rooms-api';
import styles from './model-room-check.mobile.module.css';
import { PhoneState } from '../../shared/ui-mobile/phone-state';
import { SubPage } from '../../shared/ui-mobile/sub-page';
import { incidentKeys } from '../incidents/incidents-api';

type Phase = 'opening' | 'closing';
interface LineDraft {
  status: CheckLineStatus;
  found: number;
  note: string;
  photo: { id: string; blob: Blob } | null;
}

/**
 * 样板房物品检查 (MODEL-IN-1 at opening, MODEL-POST-2 at closing) on the MODEL guide's phone:
 * every item present, missing (how many found) or damaged (note and photo). Missing and damaged
 * items reach the manager as incidents when the check is sent.
 */
export function ModelRoomCheckPage() {
  const { t } = useTranslation();
  const { site } = useStaffSite();
  return (
    <SubPage title={t('modelRooms.phone.title')}>
      {site ? <RoomPicker siteId={site.id} timeZone={site.timeZone} /> : <PhoneState status="empty" title={t('mobile.noSites')} />}
    </SubPage>
  );
}

function RoomPicker({ siteId, timeZone }: { siteId: string; timeZone: string }) {
  const { t } = useTranslation();
  const rooms = useModelRooms(siteId);
  const list = rooms.data?.items ?? [];
  const [roomId, setRoomId] = useState<string | null>(null);
  // Mornings open the rooms (MODEL-IN-1); afternoons close them (MODEL-POST-2).
  const [phase, setPhase] = useState<Phase>(() => (minutesOfDay(Date.now(), timeZone) < 13 * 60 ? 'opening' : 'closing'));
  const room = list.find((r) => r.zoneId === roomId) ?? list[0] ?? null;

  if (rooms.isPending) return <MobileSpinner />;
  if (rooms.isError) return <PhoneState status="default" title={describeError(rooms.error)} />;
  if (!room) return <PhoneState status="empty" title={t('modelRooms.noRooms')} description={t('modelRooms.noRoomsHint')} />;

  return (
    <>
      <div className={styles.head}>
        {list.length > 1 ? (
          <div className={styles.chips} role="radiogroup" aria-label={t('modelRooms.phone.chooseRoom')}>
            {list.map((r) => (
              <button
                key={r.zoneId}
                type="button"
                role="radio"
                aria-checked={r.zoneId === room.zoneId}
                className={`${styles.chip} ${r.zoneId === room.zoneId ? styles.chipOn : ''}`}
                onClick={() => setRoomId(r.zoneId)}
                data-testid="room-chip"
              >
                {r.name}
              </button>
            ))}
          </div>
        ) : (
          <div className={styles.roomName}>{room.name}</div>
        )}
        <div className={styles.phases} role="radiogroup" aria-label={t('modelRooms.phone.phase')}>
          {(['opening', 'closing'] as const).map((p) => (
            <button
              key={p}
              type="button"
              role="radio"
              aria-checked={phase === p}
              className={`${styles.phase} ${phase === p ? styles.phaseOn : ''}`}
              onClick={() => setPhase(p)}
              data-testid="check-phase"
            >
              {t(`modelRooms.phases.${p}`)}
            </button>
          ))}
        </div>
        <LastResult room={room} timeZone={timeZone} />
      </div>
      <CheckForm key={`${room.zoneId}:${phase}`} siteId={siteId} timeZone={timeZone} room={room} phase={phase} />
    </>
  );
}

function LastResult({ room, timeZone }: { room: ModelRoom; timeZone: string }) {
  const { t } = useTranslation();
  const c = room.lastCheck;
  if (!c) return <div className={styles.last}>{t('modelRooms.never')}</div>;
  const trouble = c.missing + c.damaged > 0;
  return (
    <div className={`${styles.last} ${trouble ? styles.lastTrouble : ''}`} data-testid="last-check">
      {t('modelRooms.phone.lastResult', { phase: t(`modelRooms.phases.${c.phase}`), time: formatLocal(c.at, timeZone, 'MM-DD HH:mm') })} ·{' '}
      {trouble
        ? [
            c.missing ? `${t('modelRooms.statuses.missing')} ${c.missing}` : null,
            c.damaged ? `${t('modelRooms.statuses.damaged')} ${c.damaged}` : null,
          ]
            .filter(Boolean)
            .join(' · ')
        : t('modelRooms.allPresent')}
    </div>
  );
}

function CheckForm({ siteId, timeZone, room, phase }: { siteId: string; timeZone: string; room: ModelRoom; phase: Phase }) {
  const { t } = useTranslation();
  const items = useRoomItems(siteId, room.zoneId);
  const [lines, setLines] = useState<Record<string, LineDraft>>({});
  const [checkId, setCheckId] = useState(newId);
  const [showErrors, setShowErrors] = useState(false);
  const [sent, setSent] = useState<ModelRoomCheck | null>(null);
  const send = useSendCheck(siteId, room);
  const waiting = useWaitingChecks(siteId, room.zoneId);
  const list = useMemo(() => items.data ?? [], [items.data]);
  const remaining = list.filter((i) => !lines[i.id]).length;
  const problem = (item: ModelRoomItem, d: LineDraft | undefined): string | null => {
    if (!d) return null;
    if (d.status === 'missing' && d.found >= item.quantity) return t('modelRooms.phone.missingNeedsQuantity');
    if (d.status === 'damaged' && !d.note.trim()) return t('modelRooms.phone.damageNeedsNote');
    if (d.status === 'damaged' && !d.photo) return t('modelRooms.phone.damageNeedsPhoto');
    return null;
  };

  const setStatus = (item: ModelRoomItem, status: CheckLineStatus) =>
    setLines((all) => ({ ...all, [item.id]: { found: Math.max(0, item.quantity - 1), note: '', photo: null, ...all[item.id], status } }));
  const patch = (itemId: string, p: Partial<LineDraft>) => setLines((all) => ({ ...all, [itemId]: { ...all[itemId]!, ...p } }));

  const submit = async () => {
    setShowErrors(true);
    if (remaining > 0) {
      Toast.show({ content: t('modelRooms.phone.remaining', { count: remaining }) });
      return;
    }
    const firstProblem = list.map((i) => problem(i, lines[i.id])).find(Boolean);
    if (firstProblem) {
      Toast.show({ content: firstProblem });
      return;
    }
    try {
      const check = await send.mutateAsync({ id: checkId, phase, drafts: list.map((i) => [i, lines[i.id]!]) });
      Toast.show({
        icon: 'success',
        content: !check
          ? t('modelRooms.phone.savedOnPhone')
          : check.missing + check.damaged > 0
            ? t('modelRooms.phone.doneWithIssues')
            : t('modelRooms.phone.done'),
      });
      setSent(check);
      setLines({});
      setShowErrors(false);
      setCheckId(newId());
      window.scrollTo({ top: 0 });
    } catch {
      // Shown under the list; the same check id goes again on the next tap.
    }
  };

  if (items.isPending) return <MobileSpinner />;
  if (items.isError) return <PhoneState status="default" title={describeError(items.error)} />;
  if (list.length === 0) return <PhoneState status="empty" title={t('modelRooms.noItems')} description={t('modelRooms.noItemsHint')} />;

  return (
    <>
      <div className={styles.list}>
        {waiting.map((op) => (
          <div key={op.body.id} className={`${styles.result} ${styles.resultWaiting}`} data-testid="check-waiting">
            <div className={styles.resultTitle}>
              <ClockCircleFill color="#d48806" />
              {t('modelRooms.phone.waiting', { phase: t(`modelRooms.phases.${op.body.phase}`), time: formatLocal(op.body.at, timeZone, 'HH:mm') })}
            </div>
            <div className={styles.resultLine}>{t('modelRooms.phone.waitingHint')}</div>
          </div>
        ))}
        {sent ? <SentResult check={sent} /> : null}
        {list.map((item) => {
          const d = lines[item.id];
          const err = showErrors ? problem(item, d) : null;
          return (
            <section
              key={item.id}
              className={`${styles.item} ${d ? styles[`item_${d.status}`] : ''}`}
              data-testid="check-item"
              data-status={d?.status ?? 'unchecked'}
            >
              <div className={styles.itemHead}>
                {item.photoId ? (
                  <img className={styles.itemPhoto} src={photoUrl(siteId, item.photoId)} alt="" />
                ) : (
                  <span className={styles.itemPhotoEmpty}>
                    <PictureOutline />
                  </span>
                )}
                <div className={styles.itemText}>
                  <div className={styles.itemName}>{item.name}</div>
                  <div className={styles.itemMeta}>
                    {t('modelRooms.phone.expected', { count: item.quantity })}
                    {item.positionNote ? ` · ${item.positionNote}` : ''}
                  </div>
                </div>
              </div>
              <div className={styles.statuses} role="radiogroup" aria-label={item.name}>
                {(['present', 'missing', 'damaged'] as const).map((s) => (
                  <button
                    key={s}
                    type="button"
                    role="radio"
                    aria-checked={d?.status === s}
                    className={`${styles.status} ${d?.status === s ? styles[`status_${s}`] : ''}`}
                    onClick={() => setStatus(item, s)}
                    data-testid={`status-${s}`}
                  >
                    {s === 'present' ? <CheckCircleFill /> : <ExclamationCircleFill />} {t(`modelRooms.statuses.${s}`)}
                  </button>
                ))}
              </div>
              {d?.status === 'missing' ? (
                <div className={styles.detail}>
                  <span>{t('modelRooms.phone.foundQuantity')}</span>
                  <LabelledStepper
                    label={t('modelRooms.phone.foundQuantity')}
                    min={0}
                    max={Math.max(0, item.quantity - 1)}
                    value={d.found}
                    onChange={(found) => patch(item.id, { found })}
                    data-testid="found-quantity"
                  />
                </div>
              ) : null}
              {d?.status === 'damaged' ? (
                <div className={styles.damage}>
                  <TextArea
                    value={d.note}
                    onChange={(note) => patch(item.id, { note })}
                    placeholder={t('modelRooms.phone.damageNotePlaceholder')}
                    autoSize={{ minRows: 2, maxRows: 4 }}
                    maxLength={300}
                    data-testid="damage-note"
                  />
                  <PhotoCapture
                    photo={d.photo?.blob ?? null}
                    photoKey={d.photo?.id ?? null}
                    onChange={(blob) => patch(item.id, { photo: blob ? { id: newId(), blob } : null })}
                    size="small"
                    inputTestId="damage-photo-input"
                  />
                </div>
              ) : null}
              {err ? <p className={styles.error}>{err}</p> : null}
            </section>
          );
        })}
        {send.isError ? (
          <p className={styles.error} data-testid="check-send-error">
            {t('modelRooms.phone.sendFailed')}
            <br />
            {describeError(send.error)}
          </p>
        ) : null}
      </div>
      <div className={styles.footer}>
        <div className={styles.footerRow}>
          <span className={styles.remaining}>{remaining > 0 ? t('modelRooms.phone.remaining', { count: remaining }) : '\u00a0'}</span>
          {remaining > 0 ? (
            <a
              className={styles.allPresent}
              onClick={() => list.forEach((i) => (lines[i.id] ? null : setStatus(i, 'present')))}
              data-testid="mark-rest-present"
            >
              {t('modelRooms.phone.allPresent')}
            </a>
          ) : null}
        </div>
        <Button
          block
          size="large"
          color="primary"
          loading={send.isPending}
          loadingText={t('modelRooms.phone.submitting')}
          onClick={() => void submit()}
          data-testid="submit-check"
        >
          {t('modelRooms.phone.submit')}
        </Button>
      </div>
    </>
  );
}

/**
 * Sends a check through the phone's outbox (a model room's back rooms often have no signal): the
 * damage photos wait beside it and go first. Resolves with the stored check, or `null` while it
 * waits on the phone; a refusal is thrown with its words and the form keeps its answers.
 */
function useSendCheck(siteId: string, room: ModelRoom) {
  const me = useMe();
  const queryClient = useQueryClient();
  return useMutation({
    // Without a signal the check is kept on the phone: the mutation must run, not pause.
    networkMode: 'always',
    mutationFn: async (input: { id: string; phase: Phase; drafts: [ModelRoomItem, LineDraft][] }): Promise<ModelRoomCheck | null> => {
      const [{ photoOps }] = await Promise.all([import('../../shared/offline/photo-outbox'), import('./outbox-kinds')]);
      const photos = input.drafts.flatMap(([, d]) => (d.status === 'damaged' && d.photo ? [d.photo] : []));
      const body: ModelRoomCheckBody & { at: number } = {
        id: input.id,
        phase: input.phase,
        lines: input.drafts.map(([item, d]) => ({
          itemId: item.id,
          status: d.status,
          ...(d.status === 'missing' ? { foundQuantity: d.found } : {}),
          ...(d.status !== 'present' && d.note.trim() ? { note: d.note.trim() } : {}),
          ...(d.status === 'damaged' && d.photo ? { photoId: d.photo.id } : {}),
        })),
        at: Date.now(),
      };
      const op: ModelRoomCheckOp = { kind: 'modelRoomCheck', siteId, roomId: room.zoneId, roomName: room.name, body };
      const result = await sendThroughOutbox(me.id, [...(await photoOps(siteId, photos)), op], body.id);
      // Stored (the answer may have reached another tab first: then the list refreshes instead).
      return result.stored ? ((result.response as ModelRoomCheck | undefined) ?? null) : null;
    },
    onSettled: async () => {
      await queryClient.invalidateQueries({ queryKey: modelRoomsKey(siteId) });
      // A check may have raised incidents.
      await queryClient.invalidateQueries({ queryKey: incidentKeys.all(siteId) });
    },
  });
}

/** This person's checks of the room still waiting on the phone. */
function useWaitingChecks(siteId: string, roomId: string): ModelRoomCheckOp[] {
  const me = useMe();
  const ops = useWaitingOps(me.id, 'modelRoomCheck', siteId);
  return useMemo(() => ops.filter((op) => op.roomId === roomId), [ops, roomId]);
}

/** What the last sent check found: the guide sees it was recorded, and what was reported. */
function SentResult({ check }: { check: ModelRoomCheck }) {
  const { t } = useTranslation();
  const problems = check.lines.filter((l) => l.status !== 'present');
  return (
    <div className={`${styles.result} ${problems.length ? styles.resultTrouble : ''}`} data-testid="check-result">
      <div className={styles.resultTitle}>
        {problems.length ? <ExclamationCircleFill color="var(--adm-color-danger)" /> : <CheckCircleFill color="#2f9e58" />}
        {problems.length ? t('modelRooms.phone.doneWithIssues') : t('modelRooms.phone.done')}
      </div>
      <div className={styles.resultLine}>{t('modelRooms.summary', { present: check.present, missing: check.missing, damaged: check.damaged })}</div>
      {problems.map((l) => (
        <div key={l.itemId} className={styles.resultLine}>
          {t(`modelRooms.statuses.${l.status}`)} · {l.itemName}
          {l.status === 'missing'
            ? ` · ${t('modelRooms.found', { found: l.foundQuantity ?? 0, expected: l.expected })}`
            : l.note
              ? ` · ${l.note}`
              : ''}
        </div>
      ))}
    </div>
  );
}
