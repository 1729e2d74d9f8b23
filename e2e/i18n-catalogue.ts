import { readFileSync, readdirSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import type { Page } from '@playwright/test'
import { expect } from './fixtures.js'

/** The renderer's catalogues, read as the JSON the bundle is built from. */
const LOCALES = fileURLToPath(new URL('../renderer/src/i18n/locales/', import.meta.url))

type Tree = { readonly [key: string]: string | Tree }

function readCatalogue(language: 'en' | 'es'): Readonly<Record<string, string>> {
  const flat: Record<string, string> = {}
  const walk = (tree: Tree, prefix: string): void => {
    for (const [key, value] of Object.entries(tree)) {
      if (typeof value === 'string') flat[`${prefix}${key}`] = value
      else walk(value, `${prefix}${key}.`)
    }
  }
  for (const file of readdirSync(`${LOCALES}${language}`).filter((name) => name.endsWith('.json'))) {
    walk(JSON.parse(readFileSync(`${LOCALES}${language}/${file}`, 'utf8')) as Tree, `${file.replace(/\.json$/, '')}.`)
  }
  return flat
}

export const EN = readCatalogue('en')
export const ES = readCatalogue('es')

/** A Spanish text by its key (plurals by their full key, e.g. "chats.search.found_one"). */
export function es(key: string): string {
  const text = ES[key]
  if (text === undefined) throw new Error(`no Spanish text for ${key}`)
  return text
}

/** The literal pieces of a text: what is left between its {{placeholders}} and <tags>. */
function fragments(text: string): string[] {
  return text
    .split(/\{\{[^}]*\}\}|<[^>]*>/)
    .map((part) => part.trim())
    .filter((part) => part.length >= 4 && /\p{L}/u.test(part))
}

const spanishFragments = new Set(Object.values(ES).flatMap(fragments))

/**
 * The English texts that must not show on a Spanish screen: every piece of an
 * English value that differs from its Spanish one, unless the Spanish
 * catalogue uses the same piece too (a command name, "Parley").
 */
export const ENGLISH_ONLY: readonly string[] = [
  ...new Set(
    Object.entries(EN)
      .filter(([key, text]) => ES[key] !== text)
      .flatMap(([, text]) => fragments(text))
      .filter((part) => !spanishFragments.has(part)),
  ),
]

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
}

/** Whole words only: the English "Edit" is not inside the Spanish "Editar". */
const PATTERNS = ENGLISH_ONLY.map(
  (part) => [part, new RegExp(`(?<![\\p{L}\\p{N}])${escapeRegExp(part)}(?![\\p{L}\\p{N}])`, 'u')] as const,
)

/**
 * What a person reads or hears on the page: its visible text, and the
 * accessible names and hints of its elements.
 */
async function pageWords(page: Page): Promise<string> {
  return page.evaluate(() => {
    const attributes = ['aria-label', 'title', 'placeholder', 'alt', 'aria-valuetext']
    const named = [...document.querySelectorAll('*')].flatMap((element) =>
      attributes.map((name) => element.getAttribute(name)).filter((value): value is string => value !== null),
    )
    return [document.body.innerText, ...named].join('\n')
  })
}

/** The English-only texts the page shows now. */
export async function englishOn(page: Page): Promise<string[]> {
  const words = await pageWords(page)
  return PATTERNS.filter(([, pattern]) => pattern.test(words)).map(([part]) => part)
}

/** Fails with the English texts found, and where. */
export async function expectNoEnglish(page: Page, where: string): Promise<void> {
  expect(await englishOn(page), `English text on the Spanish ${where} screen`).toEqual([])
}
