import { Card, Collapse, Tag } from 'antd-mobile';
import { useTranslation } from 'react-i18next';
import type { PostStandard, StandardItem } from '@anchang/contracts';
import { translateDynamic, useLocale } from '../../i18n';
import { MobileSpinner } from '../../shared/ui-mobile/mobile-spinner';
import { ShiftSubPage, type ShiftContext } from './shift-subpage.mobile';
import { fillSitePlaceholders } from '../../shared/site/site-placeholders';
import { useStaffSite } from '../../shared/site/staff-site';
import { itemsOfPhase, textIn } from './shift-rules';
import { useStandard } from './use-shift';
import styles from './shift.mobile.module.css';
import { PhoneState } from '../../shared/ui-mobile/phone-state';
import { FactSheetOfSite } from '../training/fact-sheet.mobile';

const GROUP_ORDER: StandardItem['group'][] = ['requirement', 'drink', 'task', 'check'];

/**
 * 岗位标准 at hand: the standard of the post being worked (the version the shift runs), readable
 * in under a minute: duties, the service flow, the requirements with their numbers as tags.
 * Before clocking in, the current standard of my first post today.
 */
export function StandardPage() {
  const { t } = useTranslation();
  return (
    <ShiftSubPage title={t('shiftPhone.sections.standard')} requireShift={false}>
      {(ctx) => <StandardOfShift {...ctx} />}
    </ShiftSubPage>
  );
}

function StandardOfShift({ site, current }: ShiftContext) {
  const { t } = useTranslation();
  const kind = current.shift?.postKind ?? current.myDay?.roster[0]?.postKind ?? site.posts[0]?.kind ?? null;
  const fallback = useStandard(site.id, current.standard ? null : kind);
  const standard = current.standard ?? fallback.data ?? null;
  if (!standard) {
    if (fallback.isPending && fallback.fetchStatus === 'fetching') return <MobileSpinner />;
    return <PhoneState status="empty" title={t('shiftPhone.noStandard')} />;
  }
  return (
    <>
      <StandardView standard={standard} />
      {/* GUARD-IN-1: every post knows the project's unit types, prices and fee; the current fact sheet sits under the standard. */}
      <div className={styles.body} data-testid="standard-fact-sheet">
        <div className={styles.groupTitle}>{t('training.phone.factSheet')}</div>
        <FactSheetOfSite siteId={site.id} />
      </div>
    </>
  );
}

export function StandardView({ standard }: { standard: PostStandard }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const { site } = useStaffSite();
  const requirements = itemsOfPhase(standard.items, 'IN');
  const groups = GROUP_ORDER.map((group) => ({ group, items: requirements.filter((i) => i.group === group) })).filter((g) => g.items.length);
  const checks = [...itemsOfPhase(standard.items, 'PRE'), ...itemsOfPhase(standard.items, 'POST')];

  return (
    <div className={styles.body} data-testid="standard-view">
      <Card className={styles.card}>
        <div className={styles.standardHead}>
          <span className={styles.standardTitle}>{textIn(standard.title, locale)}</span>
          <Tag color="primary" fill="outline">
            {t('shiftPhone.standardVersion', { version: standard.version })}
          </Tag>
        </div>
        <p className={styles.muted}>{t('shiftPhone.standard.readTime')}</p>
      </Card>
      <Collapse defaultActiveKey={['duties', 'flow', 'requirements']} className={styles.card} style={{ overflow: 'hidden' }}>
        <Collapse.Panel key="duties" title={t('shiftPhone.standard.duties')}>
          <NumberedList texts={standard.duties.map((d) => textIn(d, locale))} />
        </Collapse.Panel>
        <Collapse.Panel key="flow" title={t('shiftPhone.standard.flow')}>
          {standard.flow.length ? (
            <div className={styles.flow}>
              {standard.flow.map((step, i) => (
                <span key={i} style={{ display: 'contents' }}>
                  {i > 0 ? <span className={styles.flowArrow}>→</span> : null}
                  <span className={styles.flowStep}>
                    <span className={styles.flowIndex}>{i + 1}</span>
                    {textIn(step, locale)}
                  </span>
                </span>
              ))}
            </div>
          ) : (
            <p className={styles.muted}>{t('shiftPhone.standard.empty')}</p>
          )}
        </Collapse.Panel>
        {standard.norms.length ? (
          <Collapse.Panel key="norms" title={t('shiftPhone.standard.norms')}>
            <NumberedList texts={standard.norms.map((n) => textIn(n, locale))} />
          </Collapse.Panel>
        ) : null}
        <Collapse.Panel key="requirements" title={t('shiftPhone.standard.requirements')}>
          {groups.length ? (
            groups.map(({ group, items }) => (
              <div key={group}>
                {groups.length > 1 ? <div className={styles.groupTitle}>{t(`shiftPhone.standard.groups.${group}`)}</div> : null}
                {items.map((item) => (
                  <Requirement key={item.id} item={item} />
                ))}
              </div>
            ))
          ) : (
            <p className={styles.muted}>{t('shiftPhone.standard.empty')}</p>
          )}
        </Collapse.Panel>
        {checks.length ? (
          <Collapse.Panel key="checks" title={`${t('shiftPhone.standard.pre')} / ${t('shiftPhone.standard.post')}`}>
            {checks.map((item) => (
              <div key={item.id} className={styles.requirement}>
                <Tag fill="outline" style={{ marginRight: 6 }}>
                  {item.phase === 'PRE' ? t('shiftPhone.standard.pre') : t('shiftPhone.standard.post')}
                </Tag>
                {fillSitePlaceholders(textIn(item.text, locale), site?.name)}
              </div>
            ))}
          </Collapse.Panel>
        ) : null}
      </Collapse>
    </div>
  );
}

function NumberedList({ texts }: { texts: string[] }) {
  const { t } = useTranslation();
  if (!texts.length) return <p className={styles.muted}>{t('shiftPhone.standard.empty')}</p>;
  return (
    <ol className={styles.numbered}>
      {texts.map((text, i) => (
        <li key={i}>{text}</li>
      ))}
    </ol>
  );
}

function Requirement({ item }: { item: StandardItem }) {
  const locale = useLocale();
  const { site } = useStaffSite();
  const tags = parameterTags(item.parameters);
  return (
    <div className={styles.requirement} data-testid="requirement">
      {fillSitePlaceholders(textIn(item.text, locale), site?.name)}
      {tags.length ? (
        <div className={styles.paramTags}>
          {tags.map((tag) => (
            <Tag key={tag} color="primary" fill="solid" round>
              {tag}
            </Tag>
          ))}
        </div>
      ) : null}
    </div>
  );
}

/** A requirement's numbers as short tags: "迎宾距离 3 米", "鞠躬 15°"; an unknown one as key: value. */
export function parameterTags(parameters: StandardItem['parameters']): string[] {
  if (!parameters) return [];
  return Object.entries(parameters).flatMap(([key, value]) => {
    if (key === 'windows' && typeof value === 'string') return value.split('|').map((w) => w.trim().replace('-', '–'));
    return [translateDynamic(`shiftPhone.params.${key}`, `${key}: ${value}`, { value })];
  });
}
