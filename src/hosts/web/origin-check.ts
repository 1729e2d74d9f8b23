import { isIP } from 'node:net'

/**
 * DNS-rebinding defence: a page on evil.example that rebinds its name to
 * 127.0.0.1 still sends `Host: evil.example`. Only the names under which we
 * actually serve are accepted, with our port, in Host and in Origin.
 */
export function allowedHosts(bindHost: string, port: number): Set<string> {
  const hosts = new Set<string>()
  const add = (name: string): void => {
    hosts.add(`${name}:${port}`)
  }
  if (bindHost === '127.0.0.1' || bindHost === 'localhost' || bindHost === '::1') {
    add('127.0.0.1')
    add('localhost')
    add('[::1]')
  } else {
    add(isIP(bindHost) === 6 ? `[${bindHost}]` : bindHost)
  }
  return hosts
}

export function isAllowedHost(hostHeader: string | undefined, allowed: ReadonlySet<string>): boolean {
  return hostHeader !== undefined && allowed.has(hostHeader.toLowerCase())
}

/** The WebSocket must come from one of our own pages. Browsers always send Origin on WebSocket requests. */
export function isAllowedOrigin(originHeader: string | undefined, allowed: ReadonlySet<string>): boolean {
  if (originHeader === undefined) {
    return false
  }
  let origin: URL
  try {
    origin = new URL(originHeader)
  } catch {
    return false
  }
  return origin.protocol === 'http:' && origin.pathname === '/' && allowed.has(origin.host.toLowerCase())
}

export function isLoopbackHost(host: string): boolean {
  return host === '127.0.0.1' || host === 'localhost' || host === '::1' || /^127\.\d+\.\d+\.\d+$/.test(host)
}
