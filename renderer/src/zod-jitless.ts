import { config } from 'zod'

/**
 * zod compiles object parsers with `new Function` unless told not to, and our
 * CSP has no 'unsafe-eval': even its guarded probe is reported as a violation.
 * This module must be imported before anything that builds a schema (the
 * contract builds them when it is imported), so main.tsx imports it first.
 */
config({ jitless: true })
