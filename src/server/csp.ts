// One Content-Security-Policy for every shell: browser mode's response header, the built
// index.html's <meta>, and Electron's app:// responses. No inline script or style, nothing from
// another origin, and the only network peer is the page's own origin (the API in browser mode).

const DIRECTIVES: Array<[string, string]> = [
  ['default-src', "'none'"],
  ['script-src', "'self'"],
  ['style-src', "'self'"],
  ['img-src', "'self' data:"],
  ['font-src', "'self'"],
  ['connect-src', "'self'"],
  ['manifest-src', "'self'"],
  ['base-uri', "'none'"],
  ['form-action', "'none'"],
  ['object-src', "'none'"],
  ['frame-src', "'none'"],
  ['worker-src', "'none'"],
  // Ignored (and warned about) in a <meta>, so only the header form carries it.
  ['frame-ancestors', "'none'"],
];

/** The policy as a response header value. */
export const CONTENT_SECURITY_POLICY = DIRECTIVES.map(([k, v]) => `${k} ${v}`).join('; ');

/** The same policy for a <meta http-equiv> tag, without the directives a meta cannot carry. */
export const CONTENT_SECURITY_POLICY_META = DIRECTIVES.filter(([k]) => k !== 'frame-ancestors')
  .map(([k, v]) => `${k} ${v}`)
  .join('; ');
