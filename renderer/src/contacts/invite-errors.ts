import type { ApiError } from '../../../src/api/index.js'
import { i18n } from '../i18n/i18n.js'
import { coreText } from '../lib/core-text.js'
import { describeError } from '../lib/describe-error.js'

/** What the core said was wrong, without its own advice: the sentence around it gives that once. */
function reasonOf(error: ApiError): string {
  const reason = coreText(error.message)
    .replace(/[:;,]?\s*ask for a new one\.?\s*$/i, '')
    .replace(/[.\s]+$/, '')
  // it follows a colon
  return reason.charAt(0).toLocaleLowerCase() + reason.slice(1)
}

/**
 * What went wrong with an invite, as a sentence that says whether trying
 * again can help. The core's message for an unusable invite may carry its
 * own advice ("…: ask for a new one"): the advice is said once, here.
 */
export function inviteError(error: ApiError, doing: 'check' | 'send'): string {
  if (error.code === 'INVALID_INVITE') {
    const message = error.message.trim()
    if (/^this invite was already used/i.test(message)) return i18n.t('contacts.invite.used')
    if (/^this invite has expired/i.test(message)) return i18n.t('contacts.invite.expired')
    if (/^this is your own invite/i.test(message)) return i18n.t('contacts.invite.own')
    return i18n.t('contacts.invite.unusable', { reason: reasonOf(error) })
  }
  if (error.code === 'REFUSED') {
    return i18n.t('contacts.invite.refused', { error: describeError(error) })
  }
  const text = describeError(error)
  return doing === 'check'
    ? i18n.t('contacts.invite.checkFailed', { error: text })
    : i18n.t('contacts.invite.sendFailed', { error: text })
}
