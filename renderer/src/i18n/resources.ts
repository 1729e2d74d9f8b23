import enChats from './locales/en/chats.json'
import enCommon from './locales/en/common.json'
import enContacts from './locales/en/contacts.json'
import enErrors from './locales/en/errors.json'
import enNetwork from './locales/en/network.json'
import enProfile from './locales/en/profile.json'
import enSettings from './locales/en/settings.json'
import enStart from './locales/en/start.json'
import esChats from './locales/es/chats.json'
import esCommon from './locales/es/common.json'
import esContacts from './locales/es/contacts.json'
import esErrors from './locales/es/errors.json'
import esNetwork from './locales/es/network.json'
import esProfile from './locales/es/profile.json'
import esSettings from './locales/es/settings.json'
import esStart from './locales/es/start.json'

/** English is the reference: its keys are the keys `t()` accepts. */
export const en = {
  common: enCommon,
  start: enStart,
  chats: enChats,
  contacts: enContacts,
  profile: enProfile,
  network: enNetwork,
  settings: enSettings,
  errors: enErrors,
}

export type Catalogue = typeof en

/** Spanish must have every key English has: the compiler checks it here. */
export const es: Catalogue = {
  common: esCommon,
  start: esStart,
  chats: esChats,
  contacts: esContacts,
  profile: esProfile,
  network: esNetwork,
  settings: esSettings,
  errors: esErrors,
}

export const resources = {
  en: { translation: en },
  es: { translation: es },
} as const
