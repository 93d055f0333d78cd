// The desktop page's policy is browser mode's policy: one string, one place (src/server/csp.ts).
export { CONTENT_SECURITY_POLICY } from '../../src/server/csp';
