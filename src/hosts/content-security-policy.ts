/**
 * The renderer's Content Security Policy, sent as a header by both hosts (the
 * web host and Electron) on top of the meta tag in renderer/index.html;
 * `frame-ancestors` only works in a header. `connect-src 'self'` lets the web
 * page reach its own WebSocket and nothing else; in Electron the page talks
 * over IPC and opens no socket at all.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data: blob:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ')
