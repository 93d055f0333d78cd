// "All target servers" or "These target servers" with a checklist of them, as SSMS's Post
// Download Instructions and Start Job dialogs ask it. The checklist is inert (and greyed) while
// "all" is chosen; the note under it says how many are checked, or what is missing.
import type { ReactNode } from 'react';
import { Grid, type GridColumn } from './Grid';
import { EMPTY_SELECTION, type Selection } from './gridSelection';

export type Which = 'all' | 'these';

interface Props<R> {
  /** The radio group's name and the note's id prefix. */
  id: string;
  legend: string;
  allLabel: string;
  theseLabel: string;
  which: Which;
  onWhich: (which: Which) => void;
  rows: readonly R[];
  keys: readonly string[];
  rowKey: (r: R) => string;
  columns: GridColumn<R>[];
  checked: Selection;
  onChecked: (s: Selection) => void;
  /** Between the radios and the checklist (e.g. the target server groups). */
  extra?: ReactNode;
  /** Under the checklist, before the note (e.g. a warning about the chosen servers). */
  after?: ReactNode;
  note: ReactNode;
  noteIsError: boolean;
}

/** The checklist's first column: the row's check box (the grid's own checklist mode toggles it). */
export function checkColumn<R>(header: string, isChecked: (r: R) => boolean, width = 60): GridColumn<R> {
  return { id: 'select', header, width, render: (r) => <span className={`checkbox${isChecked(r) ? ' checked' : ''}`} aria-hidden="true" /> };
}

export function TargetChecklist<R>(p: Props<R>) {
  const these = p.which === 'these';
  return (
    <fieldset className="recipients">
      <legend>{p.legend}</legend>
      <label className="check">
        <input type="radio" name={`${p.id}-which`} checked={!these} onChange={() => p.onWhich('all')} />
        {p.allLabel}
      </label>
      <label className="check">
        <input type="radio" name={`${p.id}-which`} checked={these} onChange={() => p.onWhich('these')} />
        {p.theseLabel}
      </label>
      {p.extra}
      <div className={`recipient-grid${these ? '' : ' inactive'}`} inert={!these}>
        <Grid
          label={p.theseLabel}
          rows={p.rows}
          keys={p.keys}
          rowKey={p.rowKey}
          columns={p.columns}
          mode="checklist"
          selection={these ? p.checked : EMPTY_SELECTION}
          onSelectionChange={p.onChecked}
          describedBy={`${p.id}-note`}
        />
      </div>
      {p.after}
      <p id={`${p.id}-note`} className={p.noteIsError ? 'field-error' : 'field-note'}>
        {p.note}
      </p>
    </fieldset>
  );
}
