import type { EmojiPickerRootProps } from 'frimousse'

type EmojiData = Awaited<ReturnType<NonNullable<EmojiPickerRootProps['resolveEmojiData']>>>

/** The fields of emojibase's data that the picker uses. */
interface BaseEmoji {
  readonly emoji: string
  readonly label: string
  readonly group?: number
  readonly order?: number
  readonly version: number
  readonly tags?: readonly string[]
  readonly skins?: readonly BaseSkin[]
}

interface BaseSkin {
  readonly emoji: string
  readonly tone?: number | readonly number[]
}

interface BaseMessages {
  readonly groups: readonly { readonly key: string; readonly message: string; readonly order: number }[]
  readonly skinTones: readonly { readonly key: string; readonly message: string }[]
}

/** Emojibase's tones (1–5), as the picker names them. */
const TONES = ['light', 'medium-light', 'medium', 'medium-dark', 'dark'] as const
/** Emojibase's group of skin-tone and hair components: not emoji to send on their own. */
const COMPONENTS = 2
/** The Emoji version of the bundled font (Twemoji 15): newer emoji would show as boxes. */
export const FONT_EMOJI_VERSION = 15

/**
 * The picker's data, from emojibase's files bundled with the app (loaded the
 * first time a picker opens): nothing is fetched from the internet, and the
 * names and search words are in the app's language.
 */
async function load(language: 'en' | 'es'): Promise<{ emoji: readonly BaseEmoji[]; messages: BaseMessages }> {
  if (language === 'es') {
    const [emoji, messages] = await Promise.all([
      import('emojibase-data/es/data.json'),
      import('emojibase-data/es/messages.json'),
    ])
    return { emoji: emoji.default, messages: messages.default }
  }
  const [emoji, messages] = await Promise.all([
    import('emojibase-data/en/data.json'),
    import('emojibase-data/en/messages.json'),
  ])
  return { emoji: emoji.default, messages: messages.default }
}

const toneName = (skin: BaseSkin): string | undefined => {
  const t = typeof skin.tone === 'number' ? skin.tone : skin.tone?.[0]
  return typeof t === 'number' ? TONES[t - 1] : undefined
}

export async function emojiData(locale: string): Promise<EmojiData> {
  const language = locale.toLowerCase().startsWith('es') ? 'es' : 'en'
  const { emoji, messages } = await load(language)
  const groups = messages.groups.filter((g) => g.order !== COMPONENTS)
  const groupIndex = new Map(groups.map((g, index) => [g.order, index]))
  const emojis = emoji
    .filter((e) => e.group !== undefined && e.group !== COMPONENTS && groupIndex.has(e.group))
    .filter((e) => e.version <= FONT_EMOJI_VERSION)
    .toSorted((a, b) => (a.order ?? 0) - (b.order ?? 0))
    .map((e) => {
      const skins: Record<string, string> = {}
      // only single-tone variations: the picker offers one tone for all
      for (const skin of e.skins ?? []) {
        if (typeof skin.tone !== 'number') continue
        const name = toneName(skin)
        if (name !== undefined) skins[name] = skin.emoji
      }
      return {
        emoji: e.emoji,
        category: groupIndex.get(e.group ?? 0) ?? 0,
        label: e.label,
        version: e.version,
        tags: [...(e.tags ?? [])],
        ...(Object.keys(skins).length === TONES.length ? { skins: skins } : {}),
      }
    })
  const tones = Object.fromEntries(messages.skinTones.map((t) => [t.key, t.message])) as Record<
    (typeof TONES)[number],
    string
  >
  return {
    locale: language,
    emojis,
    categories: groups.map((g, index) => ({ index, label: g.message })),
    skinTones: tones,
  }
}
