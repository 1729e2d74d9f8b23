import { currentLanguage, i18n } from './i18n.js'

/**
 * Dates, times and numbers in the language on screen (not the browser's
 * default locale): a Spanish screen says "martes, 3 de junio", an English
 * one "Tuesday, 3 June". Formatters are made once per language.
 */
type DateStyle = 'clock' | 'weekday' | 'shortDate' | 'full' | 'day' | 'medium' | 'date' | 'muteEnd'

const DATE_OPTIONS: Readonly<Record<DateStyle, Intl.DateTimeFormatOptions>> = {
  clock: { hour: '2-digit', minute: '2-digit' },
  weekday: { weekday: 'short' },
  shortDate: { day: 'numeric', month: 'short', year: 'numeric' },
  full: { dateStyle: 'full', timeStyle: 'short' },
  day: { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' },
  medium: { dateStyle: 'medium', timeStyle: 'short' },
  date: { dateStyle: 'medium' },
  muteEnd: { weekday: 'short', day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit' },
}

const dateFormats = new Map<string, Intl.DateTimeFormat>()
const relativeFormats = new Map<string, Intl.RelativeTimeFormat>()
const numberFormats = new Map<string, Intl.NumberFormat>()

const DEFAULT_REGION = { en: 'en-GB', es: 'es-ES' } as const

/**
 * The BCP 47 tag for Intl: the browser's own tag when it is in the language
 * on screen (an "en-US" browser keeps its 12-hour clock), else the
 * language's default region.
 */
function locale(): string {
  const language = currentLanguage()
  const own = navigator.languages.find((tag) => tag.toLowerCase().split('-')[0] === language)
  return own ?? DEFAULT_REGION[language]
}

export function formatDate(at: number, style: DateStyle): string {
  const key = `${locale()} ${style}`
  let format = dateFormats.get(key)
  if (format === undefined) {
    format = new Intl.DateTimeFormat(locale(), DATE_OPTIONS[style])
    dateFormats.set(key, format)
  }
  return format.format(at)
}

/** "5 minutes ago", "hace 5 minutos", "yesterday", "ayer". */
export function formatRelative(value: number, unit: Intl.RelativeTimeFormatUnit): string {
  const key = locale()
  let format = relativeFormats.get(key)
  if (format === undefined) {
    format = new Intl.RelativeTimeFormat(key, { numeric: 'auto' })
    relativeFormats.set(key, format)
  }
  return format.format(value, unit)
}

/** A number with the language's separators, to at most `digits` decimals. */
export function formatNumber(value: number, digits = 0): string {
  const key = `${locale()} ${String(digits)}`
  let format = numberFormats.get(key)
  if (format === undefined) {
    format = new Intl.NumberFormat(locale(), { maximumFractionDigits: digits, minimumFractionDigits: digits })
    numberFormats.set(key, format)
  }
  return format.format(value)
}

/** A size in bytes, KiB or MiB, with the language's decimal separator. */
export function formatBytes(bytes: number): string {
  if (bytes < 1024) return i18n.t('common.bytes.b', { value: formatNumber(bytes) })
  if (bytes < 1024 * 1024) return i18n.t('common.bytes.kib', { value: formatNumber(bytes / 1024, 1) })
  return i18n.t('common.bytes.mib', { value: formatNumber(bytes / (1024 * 1024), 1) })
}
