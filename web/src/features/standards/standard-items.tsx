import { Button, Card, Checkbox, Col, Flex, Input, Row, Space, Tag, Tooltip, Typography } from 'antd';
import { ArrowDownOutlined, ArrowUpOutlined, DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { Locale, Phase, StandardItem } from '@anchang/contracts';
import { EmptyState } from '../../shared/ui/empty-state';
import { ItemParameterTags, ItemRequirementTags } from './item-tags';
import type { ItemPatch } from './standard-draft';
import { fillSitePlaceholders } from '../../shared/site/site-placeholders';
import { useCurrentSite } from '../../shared/site/current-site';
import { localText } from './standard-text';
import styles from './standard.module.css';

/** The group a phase's items have unless marked otherwise; only the exceptions get a tag. */
const USUAL_GROUP: Record<Phase, StandardItem['group']> = { PRE: 'check', IN: 'requirement', POST: 'check' };

export interface ItemEditing {
  onChange: (id: string, patch: ItemPatch) => void;
  onMove: (id: string, direction: -1 | 1) => void;
  onRemove: (id: string) => void;
  onAdd: (phase: Phase) => void;
  /** Ids the site added in this edit, marked 新增. */
  addedIds: ReadonlySet<string>;
  /** Ids whose Chinese text is missing after a save attempt. */
  invalidIds: ReadonlySet<string>;
}

/** One phase of a shift (班前 / 班中 / 下班) and its items, read-only or being edited. */
export function PhaseItems({ phase, items, locale, editing }: { phase: Phase; items: StandardItem[]; locale: Locale; editing: ItemEditing | null }) {
  const site = useCurrentSite();
  const { t } = useTranslation();
  return (
    <Card
      title={
        <Space size={8}>
          <span>{t(`consoleShifts.phases.${phase}`)}</span>
          <Tag variant="filled">{items.length}</Tag>
        </Space>
      }
      extra={<Typography.Text type="secondary">{t(`consoleShifts.phaseHints.${phase}`)}</Typography.Text>}
      data-testid={`phase-${phase}`}
    >
      {items.length ? null : <EmptyState title={t('consoleShifts.standard.noItems')} />}
      {items.map((item, index) =>
        editing ? (
          <EditableItem key={item.id} item={item} index={index} count={items.length} editing={editing} />
        ) : (
          <div key={item.id} className={styles.item} data-testid="standard-item">
            <span className={styles.index}>{index + 1}</span>
            <div className={styles.body}>
              <Typography.Text>{fillSitePlaceholders(localText(item.text, locale), site.name)}</Typography.Text>
              <div className={styles.tags}>
                <Tag className={styles.itemId} style={{ marginInlineEnd: 4 }}>
                  {item.id}
                </Tag>
                {item.group !== USUAL_GROUP[phase] ? (
                  <Tag color="cyan" style={{ marginInlineEnd: 4 }}>
                    {t(`consoleShifts.itemGroups.${item.group}`)}
                  </Tag>
                ) : null}
                <ItemRequirementTags item={item} />
                <ItemParameterTags parameters={item.parameters} />
              </div>
            </div>
          </div>
        ),
      )}
      {editing ? (
        <Button type="dashed" block icon={<PlusOutlined />} onClick={() => editing.onAdd(phase)} style={{ marginTop: 12 }}>
          {t('consoleShifts.standard.addItem', { phase: t(`consoleShifts.phases.${phase}`) })}
        </Button>
      ) : null}
    </Card>
  );
}

function EditableItem({ item, index, count, editing }: { item: StandardItem; index: number; count: number; editing: ItemEditing }) {
  const { t } = useTranslation();
  const missing = editing.invalidIds.has(item.id) && !item.text.zh.trim();
  return (
    <div className={`${styles.item} ${styles.editing}`} data-testid="standard-item-edit">
      <span className={styles.index}>{index + 1}</span>
      <div className={styles.body}>
        <Flex justify="space-between" align="center" gap={8} wrap style={{ marginBottom: 8 }}>
          <Space size={4} wrap>
            <Tag className={styles.itemId}>{item.id}</Tag>
            {editing.addedIds.has(item.id) ? <Tag color="green">{t('consoleShifts.standard.newItem')}</Tag> : null}
            <ItemParameterTags parameters={item.parameters} />
          </Space>
          <Space size={4} wrap>
            <Checkbox checked={item.requiresPhoto} onChange={(e) => editing.onChange(item.id, { requiresPhoto: e.target.checked })}>
              {t('consoleShifts.standard.requiresPhoto')}
            </Checkbox>
            <Checkbox checked={item.requiresNote} onChange={(e) => editing.onChange(item.id, { requiresNote: e.target.checked })}>
              {t('consoleShifts.standard.requiresNote')}
            </Checkbox>
            <Tooltip title={t('consoleShifts.standard.moveUp')}>
              <Button
                size="small"
                icon={<ArrowUpOutlined />}
                disabled={index === 0}
                onClick={() => editing.onMove(item.id, -1)}
                aria-label={t('consoleShifts.standard.moveUp')}
              />
            </Tooltip>
            <Tooltip title={t('consoleShifts.standard.moveDown')}>
              <Button
                size="small"
                icon={<ArrowDownOutlined />}
                disabled={index === count - 1}
                onClick={() => editing.onMove(item.id, 1)}
                aria-label={t('consoleShifts.standard.moveDown')}
              />
            </Tooltip>
            <Tooltip title={t('consoleShifts.standard.removeItem')}>
              <Button
                size="small"
                danger
                icon={<DeleteOutlined />}
                onClick={() => editing.onRemove(item.id)}
                aria-label={t('consoleShifts.standard.removeItem')}
              />
            </Tooltip>
          </Space>
        </Flex>
        <Row gutter={8}>
          <Col span={12}>
            <Input.TextArea
              value={item.text.zh}
              status={missing ? 'error' : undefined}
              placeholder={t('consoleShifts.standard.zhPlaceholder')}
              autoSize={{ minRows: 2, maxRows: 6 }}
              maxLength={500}
              onChange={(e) => editing.onChange(item.id, { text: { ...item.text, zh: e.target.value } })}
              aria-label={t('consoleShifts.standard.zhLabel')}
            />
            {missing ? <Typography.Text type="danger">{t('consoleShifts.standard.zhRequired')}</Typography.Text> : null}
          </Col>
          <Col span={12}>
            <Input.TextArea
              value={item.text.en}
              placeholder={t('consoleShifts.standard.enPlaceholder')}
              autoSize={{ minRows: 2, maxRows: 6 }}
              maxLength={500}
              onChange={(e) => editing.onChange(item.id, { text: { ...item.text, en: e.target.value } })}
              aria-label={t('consoleShifts.standard.enLabel')}
            />
          </Col>
        </Row>
      </div>
    </div>
  );
}
