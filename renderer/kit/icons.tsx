// Small monochrome icons (16 px, currentColor) for the tree, the status column and buttons.
// Decorative: the text beside each one carries the meaning.
import type { ReactNode } from 'react';

function Svg({ children, className }: { children: ReactNode; className?: string }) {
  return (
    <svg className={`icon ${className ?? ''}`} width="16" height="16" viewBox="0 0 16 16" aria-hidden="true" focusable="false">
      {children}
    </svg>
  );
}

export const ServerIcon = () => (
  <Svg className="icon-server">
    <rect x="3" y="1.5" width="10" height="13" rx="1.5" fill="none" stroke="currentColor" />
    <path d="M5 4.5h6M5 7h6" stroke="currentColor" />
    <circle cx="8" cy="11.5" r="1" fill="currentColor" />
  </Svg>
);

export const FolderIcon = () => (
  <Svg className="icon-folder">
    <path d="M1.5 4V12.5a1 1 0 0 0 1 1h11a1 1 0 0 0 1-1V5.5a1 1 0 0 0-1-1H7.5L6 3H2.5a1 1 0 0 0-1 1Z" fill="currentColor" fillOpacity=".18" stroke="currentColor" />
  </Svg>
);

export const DatabaseIcon = () => (
  <Svg className="icon-db">
    <ellipse cx="8" cy="3.5" rx="5.5" ry="2" fill="none" stroke="currentColor" />
    <path d="M2.5 3.5v9c0 1.1 2.5 2 5.5 2s5.5-.9 5.5-2v-9" fill="none" stroke="currentColor" />
    <path d="M2.5 8c0 1.1 2.5 2 5.5 2s5.5-.9 5.5-2" fill="none" stroke="currentColor" />
  </Svg>
);

export const AgentIcon = () => (
  <Svg className="icon-agent">
    <circle cx="8" cy="8" r="6" fill="none" stroke="currentColor" />
    <path d="M8 4.5V8l2.5 1.5" fill="none" stroke="currentColor" strokeLinecap="round" />
  </Svg>
);

export const JobIcon = ({ multiserver }: { multiserver?: boolean }) => (
  <Svg className="icon-job">
    <rect x="2" y="3" width="12" height="10" rx="1" fill="none" stroke="currentColor" />
    <path d="M4.5 6h7M4.5 8.5h5" stroke="currentColor" />
    {multiserver && <circle cx="12.5" cy="12.5" r="3" fill="var(--accent)" stroke="var(--panel)" />}
  </Svg>
);

export const OperatorIcon = () => (
  <Svg className="icon-operator">
    <circle cx="8" cy="5.5" r="2.8" fill="none" stroke="currentColor" />
    <path d="M2.5 14c.6-3 2.8-4.5 5.5-4.5s4.9 1.5 5.5 4.5" fill="none" stroke="currentColor" />
  </Svg>
);

/** A status mark drawn by CSS (a dot, a triangle, a square): grids show thousands, an SVG each costs. */
export const StatusIcon = ({ tone }: { tone: 'ok' | 'warn' | 'bad' }) => <span className={`status-mark mark-${tone}`} aria-hidden="true" />;
