import { useReducer, useState, type ActionDispatch } from 'react'
import { useApiEvents, useClient } from '../api/client-context.js'
import { useRefreshWhenOpen } from '../api/use-refresh.js'
import { describeError } from '../lib/describe-error.js'
import {
  EMPTY_EDITOR,
  reduceProfileEditor,
  type ProfileEditorAction,
  type ProfileEditorState,
} from './profile-draft.js'

export interface ProfileEditorSource extends ProfileEditorState {
  /** Why loading the profile failed, if it did. */
  readonly error: string | undefined
  readonly dispatch: ActionDispatch<[ProfileEditorAction]>
  readonly reload: () => void
}

/** The profile and the form's draft: fetched when the link opens, updated by `profileUpdated`. */
export function useProfileEditor(): ProfileEditorSource {
  const client = useClient()
  const [state, dispatch] = useReducer(reduceProfileEditor, EMPTY_EDITOR)
  const [error, setError] = useState<string | undefined>(undefined)

  const reload = useRefreshWhenOpen(async () => {
    const result = await client.invoke('getProfile', {})
    if (result.ok) {
      dispatch({ type: 'loaded', profile: result.value })
      setError(undefined)
    } else {
      setError(describeError(result.error))
    }
  })

  useApiEvents((event) => {
    if (event.name === 'profileUpdated') {
      dispatch({ type: 'loaded', profile: event.payload })
    }
  })

  return { ...state, error, dispatch, reload }
}
