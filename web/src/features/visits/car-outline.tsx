/**
 * A car seen from above, front at the top, for marking where the body is damaged. Marks are
 * positions in the drawing's 0–1 box, so they land in the same place on any screen.
 */
import { useTranslation } from 'react-i18next';
import styles from './vehicle-check.mobile.module.css';

export interface CarMark {
  x: number;
  y: number;
  note: string;
}

const WIDTH = 200;
const HEIGHT = 380;

export function CarOutline({ marks, onTap }: { marks: readonly CarMark[]; onTap?: (x: number, y: number) => void }) {
  const { t } = useTranslation();
  const tap = (event: React.MouseEvent<SVGSVGElement>) => {
    if (!onTap) return;
    const rect = event.currentTarget.getBoundingClientRect();
    if (rect.width <= 0 || rect.height <= 0) return;
    const x = Math.min(1, Math.max(0, (event.clientX - rect.left) / rect.width));
    const y = Math.min(1, Math.max(0, (event.clientY - rect.top) / rect.height));
    onTap(Math.round(x * 1000) / 1000, Math.round(y * 1000) / 1000);
  };
  return (
    <svg
      className={`${styles.car} ${onTap ? styles.carTappable : ''}`}
      viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
      onClick={tap}
      role={onTap ? 'button' : 'img'}
      aria-label={t('carePhone.vehicle.outline')}
      data-testid="car-outline"
    >
      <text x={100} y={13} className={styles.carLabel} textAnchor="middle">
        {t('carePhone.vehicle.front')}
      </text>
      <text x={100} y={376} className={styles.carLabel} textAnchor="middle">
        {t('carePhone.vehicle.rear')}
      </text>
      {/* wheels, behind the body */}
      {[
        [22, 78],
        [166, 78],
        [22, 272],
        [166, 272],
      ].map(([x, y]) => (
        <rect key={`${x}-${y}`} x={x} y={y} width={12} height={46} rx={4} className={styles.carWheel} />
      ))}
      <path
        d="M100 22 C150 22 168 40 170 84 L172 300 C172 340 150 358 100 358 C50 358 28 340 28 300 L30 84 C32 40 50 22 100 22 Z"
        className={styles.carBody}
      />
      <ellipse cx={22} cy={128} rx={8} ry={5} className={styles.carBody} />
      <ellipse cx={178} cy={128} rx={8} ry={5} className={styles.carBody} />
      <path d="M48 120 Q100 100 152 120 L142 160 Q100 150 58 160 Z" className={styles.carGlass} />
      <rect x={58} y={162} width={84} height={96} rx={10} className={styles.carRoof} />
      <path d="M58 262 Q100 272 142 262 L150 296 Q100 310 50 296 Z" className={styles.carGlass} />
      <path d="M64 44 Q100 36 136 44 M60 70 Q100 62 140 70" className={styles.carLine} />
      <line x1={30} y1={188} x2={42} y2={188} className={styles.carLine} />
      <line x1={158} y1={188} x2={170} y2={188} className={styles.carLine} />
      {marks.map((mark, index) => (
        <g key={index} transform={`translate(${mark.x * WIDTH} ${mark.y * HEIGHT})`} data-testid="car-mark">
          <circle r={10} className={styles.markDot} />
          <text y={4} textAnchor="middle" className={styles.markNumber}>
            {index + 1}
          </text>
        </g>
      ))}
    </svg>
  );
}
