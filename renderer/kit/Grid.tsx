// A virtualized data grid (ARIA grid): only the rows in view are in the DOM, so 10,000 targets
// cost what 30 do. The grid element is the scroll container and the one tab stop; the active
// row is announced through aria-activedescendant, rows carry aria-rowindex against aria-rowcount,
// and sortable headers carry aria-sort.
import { useVirtualizer } from '@tanstack/react-virtual';
import { memo, useCallback, useId, useMemo, useRef, useState, type KeyboardEvent, type MouseEvent, type PointerEvent, type ReactNode } from 'react';
import { toTsv, type ExportColumn } from './exportRows';
import { clickSelect, keySelect, selectedInOrder, type Selection, type SelectMode } from './gridSelection';
import { noteScroll } from './scrollActivity';

export interface GridColumn<T> {
  id: string;
  header: string;
  /** Pixels until the column is fitted to its content; the last column also takes what is left. */
  width: number;
  /** The cell's text, to fit the column to its content (header and a sample of rows); without it the width stays. */
  text?: (row: T) => string;
  /** Extra pixels beside the text (an icon, a badge). */
  extra?: number;
  align?: 'start' | 'end';
  sortable?: boolean;
  /** The cell that names the row (role rowheader). */
  rowHeader?: boolean;
  render: (row: T) => ReactNode;
  /** A tooltip on the header (e.g. which clock a date is on). */
  headerTitle?: string;
  /** The cell's text in an export or a copy, when it differs from `text` (which may pad for fitting). */
  exportText?: (row: T) => string;
}

/** The columns as exportRows.ts takes them: what each cell says in a CSV or on the clipboard. */
export function exportColumns<T>(columns: readonly GridColumn<T>[]): ExportColumn<T>[] {
  return columns.map((c) => ({ header: c.header, text: c.exportText ?? c.text ?? (() => '') }));
}

export type SortDirection = 'ascending' | 'descending';
export interface SortState {
  column: string;
  direction: SortDirection;
}

export interface GridProps<T> {
  label: string;
  rows: readonly T[];
  rowKey: (row: T) => string;
  columns: readonly GridColumn<T>[];
  selection: Selection;
  onSelectionChange: (next: Selection) => void;
  mode?: SelectMode;
  sort?: SortState;
  onSort?: (column: string) => void;
  rowClass?: (row: T) => string | undefined;
  /** A row's tooltip (e.g. why it is Blocked). */
  rowTitle?: (row: T) => string | undefined;
  /** Enter or double-click on a row. */
  onActivate?: (row: T) => void;
  /** Shown instead of rows when there are none. */
  empty?: ReactNode;
  describedBy?: string;
  className?: string;
  /** Keys of the rows in display order (computed by the caller when it has them already). */
  keys?: readonly string[];
  /** Right-click on a row (after it is selected) or Shift+F10 / the Menu key on the active row. */
  onRowContextMenu?: (row: T, at: { x: number; y: number }) => void;
}

export const ROW_HEIGHT = 22;
const OVERSCAN = 8;

const MIN_WIDTH = 44;
const MAX_FIT = 420;
/** Cell padding (6 + 6) and a little air. */
const PADDING = 16;
/** The sort mark and the gap before it. */
const SORT_MARK = 14;
/** Rows sampled, evenly spread: enough to meet the long names and locations, cheap on 10,000 rows. */
const SAMPLE = 24;

let canvas: HTMLCanvasElement | undefined;
let font: string | undefined;

/**
 * The grids' font (the page's: styles.css sets it once on the body), read once: reading a
 * computed style while a dialog is being built forces a style pass over the whole page.
 */
function gridFont(): string {
  if (font === undefined) {
    const style = getComputedStyle(document.body);
    font = `${style.fontSize} ${style.fontFamily}`;
  }
  return font;
}
const measured = new Map<string, number>();

/**
 * Widths that fit each column's header and content, as SSMS fits a grid's columns: measured with
 * the grid's own font on a sample of rows, so a longer header (another language) or a long
 * location widens its column instead of being cut. Texts repeat (dates, statuses): each distinct
 * one is measured once.
 */
function fitWidths<T>(columns: readonly GridColumn<T>[], rows: readonly T[]): Record<string, number> {
  canvas ??= document.createElement('canvas');
  const ctx = canvas.getContext('2d');
  if (!ctx) return {};
  const font = gridFont();
  const measure = (text: string, weight: string) => {
    const key = `${weight}|${font}|${text}`;
    let w = measured.get(key);
    if (w === undefined) {
      ctx.font = `${weight} ${font}`;
      w = ctx.measureText(text).width;
      if (measured.size > 5000) measured.clear();
      measured.set(key, w);
    }
    return w;
  };
  const step = Math.max(1, Math.floor(rows.length / SAMPLE));
  const sample: T[] = [];
  for (let i = 0; i < rows.length && sample.length < SAMPLE; i += step) sample.push(rows[i]);
  const out: Record<string, number> = {};
  for (const c of columns) {
    let w = measure(c.header, '600') + (c.sortable ? SORT_MARK : 0) + PADDING;
    if (c.text) {
      // The longest texts are the widest, near enough: measure only the few longest distinct ones.
      const texts = [...new Set(sample.map((r) => c.text!(r)))].sort((a, b) => b.length - a.length).slice(0, 5);
      for (const text of texts) w = Math.max(w, measure(text, '400') + (c.extra ?? 0) + PADDING);
    } else w = Math.max(w, c.width);
    out[c.id] = Math.ceil(Math.min(MAX_FIT, Math.max(MIN_WIDTH, w)));
  }
  return out;
}

export function Grid<T>(props: GridProps<T>) {
  const { rows, rowKey, columns, selection, onSelectionChange, mode = 'extended', sort, onSort, onActivate } = props;
  const scrollRef = useRef<HTMLDivElement>(null);
  const gridId = useId();
  const keys = props.keys ?? rows.map(rowKey);
  const keysRef = useRef(keys);
  keysRef.current = keys;
  const selectionRef = useRef(selection);
  selectionRef.current = selection;
  // Callers pass a new function on every render; rows must not re-render for that.
  const onSelectionChangeRef = useRef(onSelectionChange);
  onSelectionChangeRef.current = onSelectionChange;
  const onActivateRef = useRef(onActivate);
  onActivateRef.current = onActivate;

  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: OVERSCAN,
    // The sticky header sits above the rows inside the scroll container.
    scrollPaddingStart: ROW_HEIGHT,
  });

  const activeIndex = selection.active === null ? -1 : keys.indexOf(selection.active);
  const rowsRef = useRef(rows);
  rowsRef.current = rows;

  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    if (e.target !== e.currentTarget) return;
    // Ctrl+C: the selected rows, as the grid shows them, tab-separated for a spreadsheet.
    if ((e.ctrlKey || e.metaKey) && !e.shiftKey && !e.altKey && e.key.toLowerCase() === 'c') {
      const chosen = new Set(selectedInOrder(selection, keys));
      if (!chosen.size) return;
      e.preventDefault();
      void navigator.clipboard?.writeText(toTsv(exportColumns(columns), rows.filter((_, i) => chosen.has(keys[i]))));
      return;
    }
    if (((e.shiftKey && e.key === 'F10') || e.key === 'ContextMenu') && activeIndex >= 0 && props.onRowContextMenu) {
      e.preventDefault();
      const el = document.getElementById(`${gridId}-row-${activeIndex}`)?.getBoundingClientRect();
      props.onRowContextMenu(rows[activeIndex], el ? { x: el.left + 24, y: el.bottom } : { x: 0, y: 0 });
      return;
    }
    if (e.key === 'Enter' && activeIndex >= 0) {
      onActivate?.(rows[activeIndex]);
      e.preventDefault();
      return;
    }
    const pageSize = Math.max(1, Math.floor((scrollRef.current?.clientHeight ?? 220) / ROW_HEIGHT) - 2);
    const next = keySelect(selection, keys, { key: e.key, ctrl: e.ctrlKey || e.metaKey, shift: e.shiftKey }, pageSize, mode);
    if (!next) return;
    e.preventDefault();
    onSelectionChange(next);
    const at = next.active === null ? -1 : keys.indexOf(next.active);
    if (at >= 0) virtualizer.scrollToIndex(at, { align: 'auto' });
  };

  // Mouse selection is handled once for the grid (rows only carry their index).
  const onRowMouseDown = useCallback(
    (index: number, e: MouseEvent) => {
      if (e.button !== 0) return;
      // Shift+click selects a range, not text.
      if (e.shiftKey) e.preventDefault();
      const key = keysRef.current[index];
      if (key === undefined) return;
      onSelectionChangeRef.current(clickSelect(selectionRef.current, keysRef.current, key, { ctrl: e.ctrlKey || e.metaKey, shift: e.shiftKey }, mode));
      scrollRef.current?.focus({ preventScroll: true });
    },
    [mode],
  );

  const onRowDoubleClick = useCallback((index: number) => onActivateRef.current?.(rowsRef.current[index]), []);
  const onContextMenuRef = useRef(props.onRowContextMenu);
  onContextMenuRef.current = props.onRowContextMenu;
  // Right-click selects the row unless it is already part of the selection (as Windows lists do).
  const onRowContextMenu = useCallback(
    (index: number, e: MouseEvent) => {
      const open = onContextMenuRef.current;
      if (!open) return;
      e.preventDefault();
      const key = keysRef.current[index];
      if (key === undefined) return;
      if (!selectionRef.current.selected.has(key)) onSelectionChangeRef.current(clickSelect(selectionRef.current, keysRef.current, key, { ctrl: false, shift: false }, mode));
      scrollRef.current?.focus({ preventScroll: true });
      open(rowsRef.current[index], { x: e.clientX, y: e.clientY });
    },
    [mode],
  );

  // Fitted when the first rows arrive (and when the columns change: another language), in the
  // same render, so the rows are laid out once; dragged widths win. Not refitted on every
  // reload, so columns do not jump while a fleet polls.
  const [dragged, setDragged] = useState<Record<string, number>>({});
  const hasRows = rows.length > 0;
  const fitted = useMemo(() => (hasRows ? fitWidths(columns, rowsRef.current) : {}), [columns, hasRows]);
  const widthOf = (c: GridColumn<T>) => dragged[c.id] ?? fitted[c.id] ?? c.width;
  const template = columns.map((c, i) => (i === columns.length - 1 ? `minmax(${widthOf(c)}px, 1fr)` : `${widthOf(c)}px`)).join(' ');
  const totalWidth = columns.reduce((s, c) => s + widthOf(c), 0);
  const resize = useRef<{ id: string; x: number; w: number } | null>(null);


  const firstSortable = onSort ? columns.find((c) => c.sortable)?.id : undefined;
  const onHeaderKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    if (!['ArrowLeft', 'ArrowRight', 'Home', 'End'].includes(e.key)) return;
    const buttons = [...e.currentTarget.querySelectorAll<HTMLButtonElement>('button.grid-sort')];
    const at = buttons.indexOf(e.target as HTMLButtonElement);
    if (at < 0) return;
    e.preventDefault();
    e.stopPropagation();
    const next = e.key === 'Home' ? 0 : e.key === 'End' ? buttons.length - 1 : Math.min(buttons.length - 1, Math.max(0, at + (e.key === 'ArrowLeft' ? -1 : 1)));
    buttons[next]?.focus();
  };

  const items = virtualizer.getVirtualItems();
  // Rows are recycled: a row element is keyed by its slot (index modulo the most rows a view can
  // hold), not by its row, so scrolling re-fills the same elements instead of building a screen of
  // new ones each frame. Consecutive ranges then share all but a row or two of their slots.
  // The elements stay in slot order too: a rotating order would have React move half of them in
  // the DOM on every scroll. Rows are placed by transform and carry aria-rowindex, so their DOM
  // order is not their reading order.
  const viewport = virtualizer.scrollRect?.height ?? 0;
  const slots = Math.max(items.length, Math.ceil(viewport / ROW_HEIGHT) + 1 + 2 * OVERSCAN);
  const inSlotOrder = items.slice().sort((a, b) => (a.index % slots) - (b.index % slots));

  return (
    // The "no rows" text sits beside the grid, not in it: a grid holds rows only.
    <div className={`grid-wrap ${props.className ?? ''}`}>
      <div
        ref={scrollRef}
        id={gridId}
        role="grid"
        aria-label={props.label}
        aria-describedby={props.describedBy}
        aria-rowcount={rows.length + 1}
        aria-colcount={columns.length}
        aria-multiselectable={mode === 'single' ? undefined : true}
        aria-activedescendant={activeIndex >= 0 ? `${gridId}-row-${activeIndex}` : undefined}
        tabIndex={0}
        className="grid"
        onScroll={() => noteScroll()}
        // The rows take their columns from here, set in the same commit as the rows themselves.
        style={{ ['--grid-columns' as string]: template, ['--grid-min-width' as string]: `${totalWidth}px` }}
        onKeyDown={onKeyDown}
      >
        <div role="rowgroup" className="grid-head">
          {/* One Tab stop for the header row: the first sort button; Left/Right/Home/End move between them. */}
          <div role="row" aria-rowindex={1} className="grid-row" onKeyDown={onHeaderKeyDown}>
            {columns.map((c, i) => {
              const sorted = sort?.column === c.id ? sort.direction : undefined;
              return (
                <div
                  key={c.id}
                  role="columnheader"
                  aria-colindex={i + 1}
                  aria-sort={c.sortable ? (sorted ?? 'none') : undefined}
                  title={c.headerTitle}
                  className={`grid-cell${c.align === 'end' ? ' end' : ''}`}
                >
                  {c.sortable && onSort ? (
                    <button type="button" className="grid-sort" tabIndex={c.id === firstSortable ? 0 : -1} onClick={() => onSort(c.id)}>
                      <span>{c.header}</span>
                      <span className="sort-mark" aria-hidden="true">
                        {sorted === 'ascending' ? '▲' : sorted === 'descending' ? '▼' : ''}
                      </span>
                    </button>
                  ) : (
                    <span className="grid-head-text">{c.header}</span>
                  )}
                  <span
                    className="col-resize"
                    aria-hidden="true"
                    onPointerDown={(e: PointerEvent<HTMLSpanElement>) => {
                      e.preventDefault();
                      e.stopPropagation();
                      e.currentTarget.setPointerCapture(e.pointerId);
                      resize.current = { id: c.id, x: e.clientX, w: widthOf(c) };
                    }}
                    onPointerMove={(e) => {
                      const r = resize.current;
                      if (r) setDragged((d) => ({ ...d, [r.id]: Math.max(MIN_WIDTH, Math.round(r.w + e.clientX - r.x)) }));
                    }}
                    onPointerUp={() => (resize.current = null)}
                    onDoubleClick={() =>
                      // Back to fitting its content.
                      setDragged((d) => {
                        const next = { ...d };
                        delete next[c.id];
                        return next;
                      })
                    }
                  />
                </div>
              );
            })}
          </div>
        </div>
        <div role="rowgroup" className="grid-body" style={{ height: virtualizer.getTotalSize() }}>
          {inSlotOrder.map((v) => {
            const row = rows[v.index];
            const key = keys[v.index];
            return (
              <GridRow
                key={v.index % slots}
                id={`${gridId}-row-${v.index}`}
                index={v.index}
                start={v.start}
                row={row}
                columns={columns}
                selected={selection.selected.has(key)}
                active={v.index === activeIndex}
                className={props.rowClass?.(row)}
                title={props.rowTitle?.(row)}
                onMouseDown={onRowMouseDown}
                onDoubleClick={onRowDoubleClick}
                onContextMenu={onRowContextMenu}
              />
            );
          })}
        </div>
      </div>
      {rows.length === 0 && props.empty && <div className="grid-empty">{props.empty}</div>}
    </div>
  );
}

interface RowProps<T> {
  id: string;
  index: number;
  start: number;
  row: T;
  columns: readonly GridColumn<T>[];
  selected: boolean;
  active: boolean;
  className: string | undefined;
  title: string | undefined;
  onMouseDown: (index: number, e: MouseEvent) => void;
  onDoubleClick: (index: number) => void;
  onContextMenu: (index: number, e: MouseEvent) => void;
}

/** Re-renders only when its row object, selection, position or columns change. */
const GridRow = memo(function GridRow<T>({ id, index, start, row, columns, selected, active, className, title, onMouseDown, onDoubleClick, onContextMenu }: RowProps<T>) {
  return (
    <div
      id={id}
      role="row"
      aria-rowindex={index + 2}
      aria-selected={selected}
      className={`grid-row${selected ? ' selected' : ''}${active ? ' active' : ''}${index % 2 ? ' odd' : ''}${className ? ` ${className}` : ''}`}
      style={{ transform: `translateY(${start}px)` }}
      title={title}
      onMouseDown={(e) => onMouseDown(index, e)}
      onDoubleClick={() => onDoubleClick(index)}
      onContextMenu={(e) => onContextMenu(index, e)}
    >
      {columns.map((c, i) => (
        <div key={c.id} role={c.rowHeader ? 'rowheader' : 'gridcell'} aria-colindex={i + 1} className={`grid-cell${c.align === 'end' ? ' end' : ''}`}>
          {c.render(row)}
        </div>
      ))}
    </div>
  );
}) as <T>(props: RowProps<T>) => ReactNode;
