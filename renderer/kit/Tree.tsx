// The ARIA tree pattern over nested data: one tab stop (roving tabindex), Up/Down move, Right
// expands or goes to the first child, Left collapses or goes to the parent, Home/End, Enter
// activates, Shift+F10 / the context-menu key opens the item's menu, a letter jumps.
import { useEffect, useRef, type KeyboardEvent, type ReactNode } from 'react';
import type { MenuAnchor } from './Menu';

export interface TreeNode {
  key: string;
  label: string;
  icon?: ReactNode;
  /** After the label, e.g. a "multiserver" marker. */
  badge?: ReactNode;
  /** Has (or may have) children. */
  expandable: boolean;
  expanded: boolean;
  loading?: boolean;
  /** A failed load of the children, shown in place of them; Enter on it retries. */
  error?: string;
  children?: TreeNode[];
}

interface VisibleItem {
  key: string;
  label: string;
  parent: string | null;
  node: TreeNode | null;
}

export interface TreeProps {
  label: string;
  nodes: TreeNode[];
  focusedKey: string | null;
  onFocusKey: (key: string) => void;
  onToggle: (key: string, expand: boolean) => void;
  onActivate: (key: string) => void;
  onContextMenu: (key: string, anchor: MenuAnchor) => void;
  onRetry: (key: string) => void;
  errorLabel: (message: string) => string;
  loadingLabel: string;
}

export const errorKey = (key: string) => `${key}#error`;

function visibleItems(nodes: TreeNode[], parent: string | null, out: VisibleItem[], errorLabel: (m: string) => string): VisibleItem[] {
  for (const n of nodes) {
    out.push({ key: n.key, label: n.label, parent, node: n });
    if (!n.expanded) continue;
    if (n.error) out.push({ key: errorKey(n.key), label: errorLabel(n.error), parent: n.key, node: null });
    else if (n.children) visibleItems(n.children, n.key, out, errorLabel);
  }
  return out;
}

export function Tree(props: TreeProps) {
  const { nodes, focusedKey, onFocusKey, onToggle, onActivate, onContextMenu, onRetry, errorLabel } = props;
  const rootRef = useRef<HTMLUListElement>(null);
  const moveFocus = useRef(false);
  const items = visibleItems(nodes, null, [], errorLabel);
  const current = items.find((i) => i.key === focusedKey) ?? items[0];

  useEffect(() => {
    if (!moveFocus.current || !current) return;
    moveFocus.current = false;
    rootRef.current?.querySelector<HTMLElement>(`[data-key="${CSS.escape(current.key)}"]`)?.focus();
  });

  const go = (key: string | undefined) => {
    if (!key) return;
    moveFocus.current = true;
    onFocusKey(key);
  };

  const rowAnchor = (key: string): MenuAnchor => {
    const row = rootRef.current?.querySelector<HTMLElement>(`[data-key="${CSS.escape(key)}"] > .tree-row`);
    const r = row?.getBoundingClientRect();
    return r ? { x: r.left + 24, y: r.bottom } : { x: 40, y: 40 };
  };

  const onKeyDown = (e: KeyboardEvent<HTMLUListElement>) => {
    if (!current) return;
    const at = items.indexOf(current);
    const node = current.node;
    let handled = true;
    if ((e.key === 'F10' && e.shiftKey) || e.key === 'ContextMenu') {
      if (node) onContextMenu(current.key, rowAnchor(current.key));
    } else if (e.ctrlKey || e.altKey || e.metaKey) {
      handled = false;
    } else {
      switch (e.key) {
        case 'ArrowDown':
          go(items[at + 1]?.key);
          break;
        case 'ArrowUp':
          go(items[at - 1]?.key);
          break;
        case 'Home':
          go(items[0]?.key);
          break;
        case 'End':
          go(items.at(-1)?.key);
          break;
        case 'ArrowRight':
          if (node?.expandable && !node.expanded) onToggle(node.key, true);
          else if (node?.expanded) go(items[at + 1]?.parent === node.key ? items[at + 1].key : undefined);
          break;
        case 'ArrowLeft':
          if (node?.expandable && node.expanded) onToggle(node.key, false);
          else go(current.parent ?? undefined);
          break;
        case 'Enter':
          if (node) onActivate(node.key);
          else if (current.parent) onRetry(current.parent);
          break;
        default:
          if (e.key.length === 1 && /\S/.test(e.key)) {
            const ch = e.key.toLowerCase();
            for (let k = 1; k <= items.length; k++) {
              const candidate = items[(at + k) % items.length];
              if (candidate.label.toLowerCase().startsWith(ch)) {
                go(candidate.key);
                break;
              }
            }
          } else handled = false;
      }
    }
    if (handled) {
      e.preventDefault();
      e.stopPropagation();
    }
  };

  return (
    <ul ref={rootRef} role="tree" aria-label={props.label} className="tree" onKeyDown={onKeyDown}>
      {nodes.map((n) => (
        <TreeItem key={n.key} node={n} level={1} props={props} focusKey={current?.key ?? null} go={go} rowAnchor={rowAnchor} />
      ))}
    </ul>
  );
}

function TreeItem({
  node,
  level,
  props,
  focusKey,
  go,
  rowAnchor,
}: {
  node: TreeNode;
  level: number;
  props: TreeProps;
  focusKey: string | null;
  go: (key: string) => void;
  rowAnchor: (key: string) => MenuAnchor;
}) {
  const labelId = `tree-label-${node.key}`;
  const badgeId = `${labelId}-badge`;
  const focused = focusKey === node.key;
  return (
    <li
      role="treeitem"
      data-key={node.key}
      aria-labelledby={node.badge ? `${labelId} ${badgeId}` : labelId}
      aria-expanded={node.expandable ? node.expanded : undefined}
      aria-selected={focused}
      aria-busy={node.loading || undefined}
      tabIndex={focused ? 0 : -1}
      onFocus={(e) => {
        if (e.target === e.currentTarget && !focused) props.onFocusKey(node.key);
      }}
      onContextMenu={(e) => {
        e.preventDefault();
        e.stopPropagation();
        go(node.key);
        // From the keyboard (the menu key's own event) there is no pointer: open under the row.
        const fromKeyboard = e.clientX === 0 && e.clientY === 0;
        props.onContextMenu(node.key, fromKeyboard ? rowAnchor(node.key) : { x: e.clientX, y: e.clientY });
      }}
    >
      <div
        className={`tree-row${focused ? ' focused' : ''}`}
        style={{ ['--level' as string]: level }}
        onClick={(e) => {
          e.stopPropagation();
          go(node.key);
        }}
        onDoubleClick={(e) => {
          e.stopPropagation();
          props.onActivate(node.key);
        }}
      >
        <span
          className={`tree-toggle${node.expandable ? '' : ' leaf'}`}
          aria-hidden="true"
          onClick={(e) => {
            if (!node.expandable) return;
            e.stopPropagation();
            go(node.key);
            props.onToggle(node.key, !node.expanded);
          }}
        >
          {node.expandable ? (node.expanded ? '▾' : '▸') : ''}
        </span>
        {node.icon}
        <span id={labelId} className="tree-label">
          {node.label}
        </span>
        {node.badge && (
          <span id={badgeId} className="tree-badge">
            {node.badge}
          </span>
        )}
        {node.loading && <span className="spinner" aria-hidden="true" />}
      </div>
      {node.expanded && (node.children || node.loading || node.error) && (
        <ul role="group">
          {node.loading && !node.children && (
            <li role="none" className="tree-status" style={{ ['--level' as string]: level + 1 }}>
              {props.loadingLabel}
            </li>
          )}
          {node.error && (
            <li
              role="treeitem"
              data-key={errorKey(node.key)}
              className="tree-row tree-error"
              aria-selected={focusKey === errorKey(node.key)}
              tabIndex={focusKey === errorKey(node.key) ? 0 : -1}
              style={{ ['--level' as string]: level + 1 }}
              onClick={() => go(errorKey(node.key))}
              onDoubleClick={() => props.onRetry(node.key)}
              title={node.error}
            >
              <span className="tree-toggle leaf" aria-hidden="true" />
              <span aria-hidden="true" className="icon icon-error" />
              <span className="tree-label">{props.errorLabel(node.error)}</span>
            </li>
          )}
          {!node.error &&
            node.children?.map((c) => <TreeItem key={c.key} node={c} level={level + 1} props={props} focusKey={focusKey} go={go} rowAnchor={rowAnchor} />)}
        </ul>
      )}
    </li>
  );
}
