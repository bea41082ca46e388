import { Tag, Tooltip } from 'antd';
import { CameraOutlined, EditOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { StandardItem } from '@anchang/contracts';

/** Parameter names the library uses, with words for them; anything else shows as `name: value`. */
const KNOWN = ['greetDistanceM', 'bowDeg', 'leadDistanceM', 'refillFraction', 'minutesBeforeOpening', 'everyMinutes', 'arriveWithinMinutes'] as const;
type KnownParameter = (typeof KNOWN)[number];
const isKnown = (key: string): key is KnownParameter => (KNOWN as readonly string[]).includes(key);

/** The numbers an item carries (3 米, 15°, every 10 minutes) as small tags. */
export function ItemParameterTags({ parameters }: { parameters: StandardItem['parameters'] }) {
  const { t } = useTranslation();
  if (!parameters) return null;
  return (
    <>
      {Object.entries(parameters).flatMap(([key, value]) => {
        if (key === 'windows' && typeof value === 'string') {
          // '08:30-11:30 早上好|11:30-14:30 中午好|…': one tag per window.
          return value.split('|').map((w) => (
            <Tag key={`${key}:${w}`} color="geekblue" variant="outlined" style={{ marginInlineEnd: 4 }}>
              {w.trim()}
            </Tag>
          ));
        }
        const label = isKnown(key) ? t(`consoleShifts.parameters.${key}`, { value }) : t('consoleShifts.parameters.other', { key, value });
        return [
          <Tooltip key={key} title={key}>
            <Tag color="geekblue" variant="outlined" style={{ marginInlineEnd: 4 }}>
              {label}
            </Tag>
          </Tooltip>,
        ];
      })}
    </>
  );
}

/** 需拍照 / 需备注: what staff must add when they mark the item. */
export function ItemRequirementTags({ item }: { item: Pick<StandardItem, 'requiresPhoto' | 'requiresNote'> }) {
  const { t } = useTranslation();
  return (
    <>
      {item.requiresPhoto ? (
        <Tag color="orange" icon={<CameraOutlined />} style={{ marginInlineEnd: 4 }}>
          {t('consoleShifts.standard.requiresPhoto')}
        </Tag>
      ) : null}
      {item.requiresNote ? (
        <Tag color="purple" icon={<EditOutlined />} style={{ marginInlineEnd: 4 }}>
          {t('consoleShifts.standard.requiresNote')}
        </Tag>
      ) : null}
    </>
  );
}
