// Context menus and submenus with the ARIA menu pattern: arrows move, Right opens a submenu,
// Left or Esc closes one level, Enter/Space activates, Tab closes, a letter jumps. Items whose
// workflow is not built are shown disabled with the reason as a tooltip (mouse and keyboard).
import { Fragment, useEffect, useId, useLayoutEffect, useRef, useState, type KeyboardEvent } from 'react';
import { createPortal } from 'react-dom';

export interface MenuItem {
  id: string;
  label: string;
  disabled?: boolean;
  /** Why it is disabled (shown as a tooltip while the item is hovered or focused). */
  hint?: string;
  items?: MenuItem[];
  onSelect?: () => void;
  separatorBefore?: boolean;
}

export type MenuCloseReason = 'select' | 'escape' | 'tab' | 'outside';

/** Where a menu opens: at a point (right-click), or beside an element (a submenu, a menu button). */
export type MenuAnchor = { x: number; y: number } | { rect: DOMRect; side: 'right' | 'below' };

interface MenuProps {
  items: MenuItem[];
  anchor: MenuAnchor;
  label: string;
  onClose: (reason: MenuCloseReason) => void;
}

/** A top-level menu: rendered into <body>, closed by a click outside it. */
export function Menu(props: MenuProps) {
  const rootId = useId();
  const { onClose } = props;
  useEffect(() => {
    const onPointerDown = (e: PointerEvent) => {
      const inside = (e.target as Element | null)?.closest?.(`[data-menu-root="${CSS.escape(rootId)}"]`);
      if (!inside) onClose('outside');
    };
    const onBlurWindow = () => onClose('outside');
    document.addEventListener('pointerdown', onPointerDown, true);
    window.addEventListener('blur', onBlurWindow);
    window.addEventListener('resize', onBlurWindow);
    return () => {
      document.removeEventListener('pointerdown', onPointerDown, true);
      window.removeEventListener('blur', onBlurWindow);
      window.removeEventListener('resize', onBlurWindow);
    };
  }, [onClose, rootId]);
  return createPortal(<MenuList {...props} rootId={rootId} level={0} />, document.body);
}

const SUBMENU_HOVER_MS = 200;

function MenuList({ items, anchor, label, onClose, rootId, level, autoFocus = true }: MenuProps & { rootId: string; level: number; autoFocus?: boolean }) {
  const listRef = useRef<HTMLUListElement>(null);
  const itemRefs = useRef<Array<HTMLLIElement | null>>([]);
  const [active, setActive] = useState(0);
  // A submenu opened by hovering does not take focus until the pointer or a key goes into it.
  const [focused, setFocused] = useState(autoFocus);
  const [openSub, setOpenSub] = useState<number | null>(null);
  const [subFocus, setSubFocus] = useState(false);
  useEffect(() => {
    if (autoFocus) setFocused(true);
  }, [autoFocus]);
  const hoverTimer = useRef<ReturnType<typeof setTimeout>>(undefined);
  const baseId = useId();

  useEffect(() => () => clearTimeout(hoverTimer.current), []);

  // Keep the menu on screen: flip a submenu to the left, pull a menu up or left at the edges.
  useLayoutEffect(() => {
    const el = listRef.current!;
    const w = el.offsetWidth;
    const h = el.offsetHeight;
    let x: number;
    let y: number;
    if ('rect' in anchor) {
      if (anchor.side === 'right') {
        x = anchor.rect.right - 2;
        y = anchor.rect.top - 3;
        if (x + w > window.innerWidth - 4) x = Math.max(4, anchor.rect.left - w + 2);
      } else {
        x = anchor.rect.left;
        y = anchor.rect.bottom + 2;
      }
    } else {
      x = anchor.x;
      y = anchor.y;
    }
    x = Math.max(4, Math.min(x, window.innerWidth - w - 4));
    y = Math.max(4, Math.min(y, window.innerHeight - h - 4));
    el.style.left = `${x}px`;
    el.style.top = `${y}px`;
    el.style.visibility = 'visible';
  }, [anchor]);

  useEffect(() => {
    if (focused && (openSub === null || !subFocus)) itemRefs.current[active]?.focus();
  }, [active, openSub, subFocus, focused]);

  const open = (i: number, focusInside: boolean) => {
    if (!items[i]?.items?.length) return;
    setActive(i);
    setOpenSub(i);
    setSubFocus(focusInside);
  };

  const activate = (i: number) => {
    const item = items[i];
    if (!item || item.disabled) return;
    if (item.items?.length) {
      open(i, true);
      return;
    }
    onClose('select');
    item.onSelect?.();
  };

  const move = (to: number) => {
    const n = items.length;
    setActive(((to % n) + n) % n);
    setOpenSub(null);
  };

  const onKeyDown = (e: KeyboardEvent<HTMLUListElement>) => {
    // A key pressed inside an open submenu is that submenu's.
    if (e.target !== itemRefs.current[active]) return;
    let handled = true;
    switch (e.key) {
      case 'ArrowDown':
        move(active + 1);
        break;
      case 'ArrowUp':
        move(active - 1);
        break;
      case 'Home':
        move(0);
        break;
      case 'End':
        move(items.length - 1);
        break;
      case 'ArrowRight':
        if (items[active]?.items?.length && !items[active].disabled) open(active, true);
        break;
      case 'ArrowLeft':
        if (level > 0) onClose('escape');
        break;
      case 'Enter':
      case ' ':
        activate(active);
        break;
      case 'Escape':
        onClose('escape');
        break;
      case 'Tab':
        onClose('tab');
        break;
      default:
        if (e.key.length === 1 && /\S/.test(e.key)) {
          const ch = e.key.toLowerCase();
          const order = [...items.keys()].map((k) => (active + 1 + k) % items.length);
          const hit = order.find((k) => items[k].label.toLowerCase().startsWith(ch));
          if (hit !== undefined) move(hit);
        } else handled = false;
    }
    if (handled) {
      e.preventDefault();
      e.stopPropagation();
    }
  };

  const sub = openSub !== null ? items[openSub] : undefined;
  const subRect = openSub !== null ? itemRefs.current[openSub]?.getBoundingClientRect() : undefined;

  return (
    <>
      <ul
        ref={listRef}
        role="menu"
        aria-label={label}
        className="menu"
        data-menu-root={rootId}
        onKeyDown={onKeyDown}
        onContextMenu={(e) => e.preventDefault()}
      >
        {items.map((item, i) => {
          const hasSub = !!item.items?.length;
          return (
            <Fragment key={item.id}>
              {item.separatorBefore && <li role="separator" className="menu-sep" />}
              <li
                ref={(el) => {
                  itemRefs.current[i] = el;
                }}
                id={`${baseId}-${i}`}
                role="menuitem"
                tabIndex={-1}
                className={`menu-item${i === active ? ' active' : ''}`}
                aria-disabled={item.disabled || undefined}
                aria-haspopup={hasSub ? 'menu' : undefined}
                aria-expanded={hasSub ? openSub === i : undefined}
                aria-describedby={item.disabled && item.hint ? `${baseId}-hint-${i}` : undefined}
                onClick={() => activate(i)}
                onMouseEnter={() => {
                  clearTimeout(hoverTimer.current);
                  setFocused(true);
                  setActive(i);
                  if (openSub !== null && openSub !== i) setOpenSub(null);
                  if (hasSub && !item.disabled) hoverTimer.current = setTimeout(() => open(i, false), SUBMENU_HOVER_MS);
                }}
              >
                <span className="menu-label">{item.label}</span>
                {hasSub && <span className="menu-arrow" aria-hidden="true">›</span>}
              </li>
            </Fragment>
          );
        })}
      </ul>
      {items.map((item, i) =>
        item.disabled && item.hint ? (
          <MenuHint key={item.id} id={`${baseId}-hint-${i}`} text={item.hint} visible={i === active && focused} target={() => itemRefs.current[i]} />
        ) : null,
      )}
      {sub?.items && subRect && (
        <MenuList
          key={openSub}
          items={sub.items}
          anchor={{ rect: subRect, side: 'right' }}
          label={sub.label}
          rootId={rootId}
          level={level + 1}
          autoFocus={subFocus}
          onClose={(reason) => {
            if (reason === 'escape') {
              setOpenSub(null);
              setSubFocus(false);
              itemRefs.current[openSub!]?.focus();
            } else onClose(reason);
          }}
        />
      )}
    </>
  );
}

/** The tooltip of a disabled item: always in the DOM (aria-describedby needs it), shown beside the active item. */
function MenuHint({ id, text, visible, target }: { id: string; text: string; visible: boolean; target: () => HTMLElement | null }) {
  const ref = useRef<HTMLDivElement>(null);
  // After the menu's own layout effect has placed it (a parent's layout effects run after its children's).
  useEffect(() => {
    const el = ref.current!;
    const item = visible ? target() : null;
    if (!item) return;
    const r = item.getBoundingClientRect();
    const w = el.offsetWidth;
    let x = r.right + 6;
    if (x + w > window.innerWidth - 4) x = Math.max(4, r.left - w - 6);
    el.style.left = `${x}px`;
    el.style.top = `${r.top}px`;
  }, [visible, target]);
  return (
    <div ref={ref} id={id} role="tooltip" className={`menu-hint${visible ? ' visible' : ''}`}>
      {text}
    </div>
  );
}
