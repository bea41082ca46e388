/**
 * A signature pad for the phone (finger, stylus or mouse through pointer events). It draws on
 * a canvas sized to the screen's pixel density and hands back strokes in a 0–1 box, the form
 * the server stores and checks; `SignatureView` draws stored strokes back.
 */
import { useCallback, useEffect, useRef } from 'react';
import { Button } from 'antd-mobile';
import { CheckCircleFill, EditSOutline } from 'antd-mobile-icons';
import { useTranslation } from 'react-i18next';
import { appendPoint, hasInk, MAX_STROKES, normalisePoint, strokesToPath, type SignaturePoint, type SignatureStrokes } from './signature-strokes';
import styles from './signature-pad.module.css';

const INK = '#0f2540';
const LINE_WIDTH_PX = 2.6;

export function SignaturePad({
  value,
  onChange,
  disabled = false,
  testId = 'signature-pad',
}: {
  value: SignatureStrokes;
  /** Called with the new strokes when a stroke ends, and with [] on clear. */
  onChange: (strokes: SignatureStrokes) => void;
  disabled?: boolean;
  testId?: string;
}) {
  const { t } = useTranslation();
  const canvasRef = useRef<HTMLCanvasElement>(null);
  // The stroke being drawn lives outside React state: a re-render per pointer move is too slow on a phone.
  const drawing = useRef<{ pointerId: number; stroke: SignaturePoint[] } | null>(null);
  const strokesRef = useRef(value);
  strokesRef.current = value;

  const context = () => {
    const canvas = canvasRef.current;
    const ctx = canvas?.getContext('2d');
    if (!canvas || !ctx) return null;
    return { canvas, ctx, width: canvas.clientWidth, height: canvas.clientHeight };
  };

  /** Sizes the backing store to the device's pixels and draws every stroke again. */
  const redraw = useCallback(() => {
    const c = context();
    if (!c) return;
    const ratio = window.devicePixelRatio || 1;
    const width = Math.round(c.width * ratio);
    const height = Math.round(c.height * ratio);
    if (c.canvas.width !== width || c.canvas.height !== height) {
      c.canvas.width = width;
      c.canvas.height = height;
    }
    c.ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
    c.ctx.clearRect(0, 0, c.width, c.height);
    c.ctx.strokeStyle = INK;
    c.ctx.fillStyle = INK;
    c.ctx.lineWidth = LINE_WIDTH_PX;
    c.ctx.lineCap = 'round';
    c.ctx.lineJoin = 'round';
    const all = drawing.current ? [...strokesRef.current, drawing.current.stroke] : strokesRef.current;
    for (const stroke of all) drawStroke(c.ctx, stroke, c.width, c.height);
  }, []);

  useEffect(() => {
    redraw();
  }, [value, redraw]);

  useEffect(() => {
    const canvas = canvasRef.current;
    if (!canvas) return;
    // A rotated phone or a popup finishing its animation changes the size: redraw sharp.
    const observer = new ResizeObserver(() => redraw());
    observer.observe(canvas);
    return () => observer.disconnect();
  }, [redraw]);

  const pointOf = (event: { clientX: number; clientY: number }) => {
    const rect = canvasRef.current!.getBoundingClientRect();
    return normalisePoint(event.clientX, event.clientY, rect);
  };

  const onPointerDown = (event: React.PointerEvent<HTMLCanvasElement>) => {
    if (disabled || drawing.current || strokesRef.current.length >= MAX_STROKES) return;
    if (event.pointerType === 'mouse' && event.button !== 0) return;
    event.preventDefault();
    event.currentTarget.setPointerCapture(event.pointerId);
    drawing.current = { pointerId: event.pointerId, stroke: [pointOf(event)] };
    redraw();
  };

  const onPointerMove = (event: React.PointerEvent<HTMLCanvasElement>) => {
    const current = drawing.current;
    if (!current || current.pointerId !== event.pointerId) return;
    const c = context();
    if (!c) return;
    // Coalesced events: the points a fast finger passed between two frames, for a smooth line.
    const native = event.nativeEvent;
    const samples = typeof native.getCoalescedEvents === 'function' ? native.getCoalescedEvents() : [];
    for (const sample of samples.length ? samples : [native]) {
      const from = current.stroke[current.stroke.length - 1]!;
      const point = pointOf(sample);
      if (appendPoint(current.stroke, point)) {
        c.ctx.beginPath();
        c.ctx.moveTo(from[0] * c.width, from[1] * c.height);
        c.ctx.lineTo(point[0] * c.width, point[1] * c.height);
        c.ctx.stroke();
      }
    }
  };

  const endStroke = (event: React.PointerEvent<HTMLCanvasElement>) => {
    const current = drawing.current;
    if (!current || current.pointerId !== event.pointerId) return;
    drawing.current = null;
    onChange([...strokesRef.current, current.stroke]);
  };

  const inked = hasInk(value);
  return (
    <div className={styles.wrap}>
      <div className={`${styles.pad} ${value.length ? styles.padInked : ''} ${disabled ? styles.padDisabled : ''}`}>
        <div className={styles.baseline} />
        {value.length === 0 ? (
          <div className={styles.placeholder}>
            <EditSOutline /> {t('carePhone.signature.placeholder')}
          </div>
        ) : null}
        <canvas
          ref={canvasRef}
          className={styles.canvas}
          data-testid={testId}
          aria-label={t('carePhone.signature.label')}
          role="img"
          onPointerDown={onPointerDown}
          onPointerMove={onPointerMove}
          onPointerUp={endStroke}
          onPointerCancel={endStroke}
        />
      </div>
      <div className={styles.bar}>
        <span className={`${styles.status} ${inked ? styles.statusInked : ''}`} data-testid={`${testId}-status`}>
          {inked ? (
            <>
              <CheckCircleFill /> {t('carePhone.signature.signed')}
            </>
          ) : value.length ? (
            t('carePhone.signature.tooShort')
          ) : (
            t('carePhone.signature.pleaseSign')
          )}
        </span>
        <Button size="small" fill="outline" disabled={disabled || value.length === 0} onClick={() => onChange([])} data-testid={`${testId}-clear`}>
          {t('carePhone.signature.clear')}
        </Button>
      </div>
    </div>
  );
}

function drawStroke(ctx: CanvasRenderingContext2D, stroke: SignaturePoint[], width: number, height: number) {
  if (stroke.length === 0) return;
  const [x0, y0] = stroke[0]!;
  if (stroke.length === 1) {
    ctx.beginPath();
    ctx.arc(x0 * width, y0 * height, LINE_WIDTH_PX / 2, 0, Math.PI * 2);
    ctx.fill();
    return;
  }
  ctx.beginPath();
  ctx.moveTo(x0 * width, y0 * height);
  for (let i = 1; i < stroke.length; i++) ctx.lineTo(stroke[i]![0] * width, stroke[i]![1] * height);
  ctx.stroke();
}

/** A stored signature, drawn back from its strokes (vector, so sharp at any size). */
export function SignatureView({ strokes, testId = 'signature-view' }: { strokes: SignatureStrokes; testId?: string }) {
  const { t } = useTranslation();
  // The same 5:2 box as the pad, so the writing keeps its proportions.
  return (
    <svg className={styles.view} viewBox="0 0 500 200" role="img" aria-label={t('carePhone.signature.label')} data-testid={testId}>
      <path d={strokesToPath(strokes, 500, 200)} fill="none" stroke={INK} strokeWidth={3.2} strokeLinecap="round" strokeLinejoin="round" />
    </svg>
  );
}
