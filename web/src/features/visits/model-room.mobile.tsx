/**
 * 样板房 on the phone: for each party in the model room, the guide records the shoe covers
 * handed out and the customer's points of interest (关注点, MODEL-IN-10), which reach the
 * consultant at once. Receiving the guests and handing them back to the hall or to their way out
 * stay in the shared receive panel. The consultant's own guests show those notes too.
 */
import { useState } from 'react';
import { Button, Card, Tag, TextArea, Toast } from 'antd-mobile';
import { LabelledStepper } from '../../shared/ui-mobile/labelled-stepper';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { Me, MeSite, Visit } from '@anchang/contracts';
import { describeError } from '../../shared/api/errors';
import { formatLocal } from '../../shared/format/time';
import { newId } from '../../shared/offline/new-id';
import { PartyLine } from './shuttle.mobile';
import { useModelRoomNotes } from './use-shuttle';
import { stageSince } from './visit-rules';
import { shuttleApi, shuttleKeys } from './visits-api';
import styles from './visits.mobile.module.css';
import own from './shuttle.mobile.module.css';

/** The guide's notes for each party in the model room. */
export function ModelRoomPanel({ site, visits }: { site: MeSite; visits: Visit[] }) {
  const { t } = useTranslation();
  // Parties just handed on stay until received elsewhere: the guide often writes their interests as they leave.
  const here = visits.filter((v) => v.status === 'open' && v.stage === 'model_room').sort((a, b) => stageSince(a) - stageSince(b));
  return (
    <div data-testid="model-room-panel">
      <h2 className={styles.sectionTitle}>{t('shuttlePhone.model.notes', { count: here.length })}</h2>
      {here.length ? (
        here.map((visit) => <GuideCard key={visit.id} site={site} visit={visit} />)
      ) : (
        <p className={styles.empty}>{t('shuttlePhone.model.noGuests')}</p>
      )}
    </div>
  );
}

function GuideCard({ site, visit }: { site: MeSite; visit: Visit }) {
  const { t } = useTranslation();
  return (
    <Card className={styles.card} data-testid="model-room-guest" data-visit-id={visit.id}>
      <PartyLine visit={visit} since={stageSince(visit)}>
        {visit.consultantName ? <div className={styles.muted}>{t('shuttlePhone.model.consultant', { name: visit.consultantName })}</div> : null}
      </PartyLine>
      <GuideNotes site={site} visit={visit} />
    </Card>
  );
}

/**
 * The guide's part of a party's card: shoe covers handed out and what the guests cared about.
 * On the MODEL post it sits inside the party's own card (with the hand-on buttons), so the
 * party shows once.
 */
export function GuideNotes({ site, visit }: { site: MeSite; visit: Visit }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [covers, setCovers] = useState(visit.partySize);
  const [interests, setInterests] = useState('');
  const [busy, setBusy] = useState<'covers' | 'interests' | null>(null);
  const [problem, setProblem] = useState<string | null>(null);

  const record = async (what: 'covers' | 'interests') => {
    if (what === 'interests' && !interests.trim()) return setProblem(t('shuttlePhone.model.interestsEmpty'));
    setProblem(null);
    setBusy(what);
    try {
      await shuttleApi.recordModelRoomNote(site.id, visit.id, {
        id: newId(),
        ...(what === 'covers' ? { shoeCovers: covers } : { interests: interests.trim() }),
      });
      if (what === 'interests') setInterests('');
      Toast.show({
        icon: 'success',
        content: what === 'covers' ? t('shuttlePhone.model.coversHanded', { count: covers }) : t('shuttlePhone.model.interestsSaved'),
      });
      await queryClient.invalidateQueries({ queryKey: shuttleKeys.modelRoomNotes(site.id, visit.id) });
    } catch (error) {
      setProblem(t('shuttlePhone.shuttle.saveFailed', { reason: describeError(error) }));
    } finally {
      setBusy(null);
    }
  };

  return (
    <div data-testid="guide-notes">
      <span className={own.sectionLabel}>{t('shuttlePhone.model.shoeCovers')}</span>
      <div className={own.coversRow}>
        <LabelledStepper
          label={t('shuttlePhone.model.shoeCovers')}
          min={0}
          max={50}
          value={covers}
          onChange={setCovers}
          className={styles.stepper}
          data-testid="shoe-covers"
        />
        <Button color="primary" fill="outline" loading={busy === 'covers'} onClick={() => void record('covers')} data-testid="record-covers">
          {t('shuttlePhone.model.handCovers')}
        </Button>
      </div>
      <span className={own.sectionLabel}>{t('shuttlePhone.model.interests')}</span>
      <TextArea
        className={own.textArea}
        value={interests}
        onChange={(v) => {
          setInterests(v);
          setProblem(null);
        }}
        maxLength={500}
        rows={3}
        showCount
        placeholder={t('shuttlePhone.model.interestsPlaceholder')}
        data-testid="interests-input"
      />
      {problem ? (
        <div className={styles.error} role="alert">
          {problem}
        </div>
      ) : null}
      <Button block color="primary" loading={busy === 'interests'} onClick={() => void record('interests')} data-testid="record-interests">
        {t('shuttlePhone.model.saveInterests')}
      </Button>
      <ModelRoomNotes site={site} visitId={visit.id} />
    </div>
  );
}

/** What the model room recorded for a visit, oldest first, a page at a time. */
export function ModelRoomNotes({ site, visitId, interestsOnly = false }: { site: MeSite; visitId: string; interestsOnly?: boolean }) {
  const { t } = useTranslation();
  const notes = useModelRoomNotes(site.id, visitId);
  const items = (notes.data?.pages ?? []).flatMap((p) => p.items).filter((n) => !interestsOnly || n.interests);
  if (notes.isLoading) return null;
  if (notes.isError && !notes.data) return <p className={styles.error}>{t('shuttlePhone.model.notesFailed')}</p>;
  return (
    <div data-testid="model-room-notes">
      {items.length ? (
        items.map((n) => (
          <div key={n.id} className={own.noteItem}>
            {n.interests ? <div className={own.interests}>{n.interests}</div> : null}
            {n.shoeCovers !== null ? <Tag fill="outline">{t('shuttlePhone.model.covers', { count: n.shoeCovers })}</Tag> : null}
            <div className={styles.muted}>{t('shuttlePhone.model.by', { name: n.byName, time: formatLocal(n.at, site.timeZone, 'HH:mm') })}</div>
          </div>
        ))
      ) : (
        <p className={`${styles.muted} ${own.noteItem}`}>{t('shuttlePhone.model.noNotes')}</p>
      )}
      {notes.hasNextPage ? (
        <Button block fill="none" size="small" loading={notes.isFetchingNextPage} onClick={() => void notes.fetchNextPage()}>
          {t('shuttlePhone.shuttle.loadMore')}
        </Button>
      ) : null}
    </div>
  );
}

/** The consultant's guests on site now, with where they are and what the model room heard from them. */
export function ConsultantGuests({ site, me, visits }: { site: MeSite; me: Me; visits: Visit[] }) {
  const { t } = useTranslation();
  const mine = visits.filter((v) => v.status === 'open' && v.consultantId === me.id).sort((a, b) => b.arrivedAt - a.arrivedAt);
  return (
    <div data-testid="consultant-guests">
      <h2 className={styles.sectionTitle}>{t('shuttlePhone.consultant.myGuests', { count: mine.length })}</h2>
      {mine.length ? (
        mine.map((visit) => (
          <Card key={visit.id} className={styles.card} data-testid="consultant-guest" data-visit-id={visit.id}>
            <PartyLine visit={visit} since={stageSince(visit)}>
              <Tag color="primary" fill="outline">
                {t(`visits.stages.${visit.stage}`)}
              </Tag>
            </PartyLine>
            <span className={own.sectionLabel}>{t('shuttlePhone.consultant.interestsFromModel')}</span>
            <ModelRoomNotes site={site} visitId={visit.id} interestsOnly />
          </Card>
        ))
      ) : (
        <p className={styles.empty}>{t('shuttlePhone.consultant.noGuests')}</p>
      )}
    </div>
  );
}
