import { useRef, useState, type RefObject } from 'react'
import { flushSync } from 'react-dom'
import type { ApiError } from '../../../src/api/index.js'
import { describeError } from './describe-error.js'
import { NO_FIELD_ERRORS, fieldErrorsOfFailure, focusFirstInvalid, type FieldErrors } from './field-errors.js'

export interface FieldErrorsState {
  /** Give it to the form: `show` focuses the form's first invalid field. */
  readonly form: RefObject<HTMLFormElement | null>
  readonly errors: FieldErrors
  /** Show these errors (all others go) and move the focus to the first invalid field. */
  readonly show: (errors: FieldErrors) => void
  /** Forget the error of one field (the person is editing it). */
  readonly clear: (field: string) => void
  readonly reset: () => void
  /**
   * A failed command: its per-field messages go beside their fields (and the
   * result is undefined); an error without them comes back as one sentence.
   */
  readonly showFailure: (error: ApiError) => string | undefined
}

/** The per-field messages of a form, client-side (zod) and server-side (`ApiError.fields`) alike. */
export function useFieldErrors(): FieldErrorsState {
  const form = useRef<HTMLFormElement>(null)
  const [errors, setErrors] = useState<FieldErrors>(NO_FIELD_ERRORS)
  const show = (next: FieldErrors): void => {
    // rendered at once, so the invalid fields are marked when the focus moves
    flushSync(() => {
      setErrors(next)
    })
    focusFirstInvalid(form.current)
  }
  return {
    form,
    errors,
    show,
    clear: (field) => {
      if (field in errors) {
        setErrors(Object.fromEntries(Object.entries(errors).filter(([name]) => name !== field)))
      }
    },
    reset: () => {
      setErrors(NO_FIELD_ERRORS)
    },
    showFailure: (error) => {
      if (error.fields === undefined) {
        return describeError(error)
      }
      show(fieldErrorsOfFailure({ ...error, fields: error.fields }))
      return undefined
    },
  }
}
