// The party's signature, drawn with a finger (or a stylus, or a mouse) on a canvas with
// pointer events, exported as a PNG data URL. The canvas is white, not transparent, so
// the image reads the same wherever it is shown; it is drawn at up to twice the screen's
// resolution, which keeps the image well under the server's 512 KB limit.
import { useEffect, useImperativeHandle, useRef, useState, type Ref } from 'react';
import { Button, Flex, Typography } from 'antd';
import { ClearOutlined } from '@ant-design/icons';
import { useT } from '../../../lib/i18n';

export interface SignaturePadHandle {
  /** The signature as data:image/png;base64,…, or null when nothing was drawn. */
  toDataUrl(): string | null;
  clear(): void;
}

const HEIGHT = 200;

export function SignaturePad({ ref, onChange, disabled }: { ref?: Ref<SignaturePadHandle>; onChange?(signed: boolean): void; disabled?: boolean }) {
  const t = useT();
  const canvas = useRef<HTMLCanvasElement>(null);
  const drawing = useRef<{ id: number; x: number; y: number } | null>(null);
  const [signed, setSigned] = useState(false);

  const paintBlank = () => {
    const c = canvas.current;
    if (!c) return;
    const ratio = Math.min(window.devicePixelRatio || 1, 2);
    const width = c.parentElement!.clientWidth;
    c.width = Math.round(width * ratio);
    c.height = Math.round(HEIGHT * ratio);
    c.style.width = `${width}px`;
    c.style.height = `${HEIGHT}px`;
    const g = c.getContext('2d')!;
    g.setTransform(ratio, 0, 0, ratio, 0, 0);
    g.fillStyle = '#fff';
    g.fillRect(0, 0, width, HEIGHT);
    g.lineWidth = 2.5;
    g.lineCap = 'round';
    g.lineJoin = 'round';
    g.strokeStyle = '#111';
  };

  useEffect(paintBlank, []);

  const mark = (value: boolean) => {
    setSigned(value);
    onChange?.(value);
  };

  const clear = () => {
    paintBlank();
    mark(false);
  };

  useImperativeHandle(ref, () => ({
    toDataUrl: () => (signed && canvas.current ? canvas.current.toDataURL('image/png') : null),
    clear,
  }));

  const point = (e: React.PointerEvent<HTMLCanvasElement>) => {
    const r = e.currentTarget.getBoundingClientRect();
    return { x: e.clientX - r.left, y: e.clientY - r.top };
  };

  const down = (e: React.PointerEvent<HTMLCanvasElement>) => {
    if (disabled) return;
    e.preventDefault();
    e.currentTarget.setPointerCapture(e.pointerId);
    const p = point(e);
    drawing.current = { id: e.pointerId, ...p };
    const g = e.currentTarget.getContext('2d')!;
    g.beginPath();
    g.arc(p.x, p.y, 1.2, 0, Math.PI * 2);
    g.fillStyle = '#111';
    g.fill();
  };

  const move = (e: React.PointerEvent<HTMLCanvasElement>) => {
    const d = drawing.current;
    if (!d || d.id !== e.pointerId) return;
    e.preventDefault();
    const p = point(e);
    const g = e.currentTarget.getContext('2d')!;
    g.beginPath();
    g.moveTo(d.x, d.y);
    g.lineTo(p.x, p.y);
    g.stroke();
    drawing.current = { id: d.id, ...p };
    if (!signed) mark(true);
  };

  const up = (e: React.PointerEvent<HTMLCanvasElement>) => {
    if (drawing.current?.id === e.pointerId) drawing.current = null;
  };

  return (
    <div>
      <div style={{ border: '1px dashed #8c8c8c', borderRadius: 6, overflow: 'hidden', background: '#fff', touchAction: 'none' }}>
        <canvas ref={canvas} data-testid="signature-pad" aria-label={t('当事人签名区', 'Signature area')}
          style={{ display: 'block', touchAction: 'none', cursor: disabled ? 'not-allowed' : 'crosshair' }}
          onPointerDown={down} onPointerMove={move} onPointerUp={up} onPointerCancel={up} />
      </div>
      <Flex justify="space-between" align="center" style={{ marginTop: 8 }}>
        <Typography.Text type={signed ? 'success' : 'secondary'} data-testid="signature-state">
          {signed ? t('已签名', 'Signed') : t('请当事人在框内签名', 'The party signs in the box')}
        </Typography.Text>
        <Button size="large" icon={<ClearOutlined />} onClick={clear} disabled={disabled || !signed} data-testid="signature-clear">{t('清除', 'Clear')}</Button>
      </Flex>
    </div>
  );
}
