// A draggable, keyboard-resizable divider (ARIA separator with a value): arrows move it by
// 16 px (Shift: 64), Home/End go to the limits.
import { useRef, type KeyboardEvent, type PointerEvent } from 'react';

export interface SplitterProps {
  label: string;
  value: number;
  min: number;
  max: number;
  onChange: (value: number) => void;
  orientation?: 'vertical' | 'horizontal';
  /** For a pane below or right of the splitter, dragging towards it shrinks it. */
  invert?: boolean;
}

export function Splitter({ label, value, min, max, onChange, orientation = 'vertical', invert = false }: SplitterProps) {
  const drag = useRef<{ start: number; value: number } | null>(null);
  const clamp = (v: number) => Math.round(Math.min(max, Math.max(min, v)));
  const pos = (e: PointerEvent) => (orientation === 'vertical' ? e.clientX : e.clientY);

  const onKeyDown = (e: KeyboardEvent) => {
    const step = e.shiftKey ? 64 : 16;
    const grow = orientation === 'vertical' ? 'ArrowRight' : 'ArrowDown';
    const shrink = orientation === 'vertical' ? 'ArrowLeft' : 'ArrowUp';
    const sign = invert ? -1 : 1;
    let next: number | undefined;
    if (e.key === grow) next = value + sign * step;
    else if (e.key === shrink) next = value - sign * step;
    else if (e.key === 'Home') next = min;
    else if (e.key === 'End') next = max;
    if (next === undefined) return;
    e.preventDefault();
    onChange(clamp(next));
  };

  return (
    <div
      role="separator"
      aria-label={label}
      aria-orientation={orientation}
      aria-valuenow={value}
      aria-valuemin={min}
      aria-valuemax={max}
      tabIndex={0}
      className={`splitter splitter-${orientation}`}
      onKeyDown={onKeyDown}
      onPointerDown={(e) => {
        e.currentTarget.setPointerCapture(e.pointerId);
        drag.current = { start: pos(e), value };
      }}
      onPointerMove={(e) => {
        if (!drag.current) return;
        const delta = pos(e) - drag.current.start;
        onChange(clamp(drag.current.value + (invert ? -delta : delta)));
      }}
      onPointerUp={(e) => {
        drag.current = null;
        e.currentTarget.releasePointerCapture(e.pointerId);
      }}
    />
  );
}
