import { ApiFailure, type CommandHandlers, type Profile } from '../api/index.js'
import type { UnlockedAccount } from '../accounts/account-manager.js'
import { checkAvatar } from '../accounts/image-check.js'
import { signProfile } from '../accounts/profile-document.js'
import { loadProfile, updateProfile } from '../accounts/profile-store.js'
import type { Clock } from './clock.js'
import type { EventHub } from './events.js'

/** The profile commands of the open account: each change is announced, and sent to the contacts. */
export function profileHandlers(options: {
  readonly requireAccount: () => UnlockedAccount
  readonly clock: Clock
  readonly events: EventHub
  readonly profileChanged: () => Promise<void>
}): Pick<CommandHandlers, 'getProfile' | 'updateProfile' | 'setAvatar' | 'getProfileDocument'> {
  const { requireAccount, clock, events } = options
  const change = async (next: Parameters<typeof updateProfile>[2]): Promise<Profile> => {
    const account = requireAccount()
    const profile = await updateProfile(account.store, account.summary.username, next, clock.now())
    events.emit({ name: 'profileUpdated', payload: profile })
    await options.profileChanged()
    return profile
  }
  return {
    getProfile: () => {
      const account = requireAccount()
      return loadProfile(account.store, account.summary.username)
    },
    updateProfile: ({ fields, visibility }) => change({ fields, visibility }),
    setAvatar: ({ avatar }) => {
      if (avatar !== null) {
        try {
          checkAvatar(avatar)
        } catch (err) {
          const message = err instanceof Error ? err.message : 'invalid picture'
          throw new ApiFailure('INVALID_ARGUMENTS', message, { avatar: message })
        }
      }
      return change({ avatar })
    },
    getProfileDocument: async () => {
      const account = requireAccount()
      return signProfile(await loadProfile(account.store, account.summary.username), account.identity)
    },
  }
}
