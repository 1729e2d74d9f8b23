import { useState, type ReactNode } from 'react'

export interface FileFieldProps {
  readonly id: string
  /** The visible label, which is also the input's accessible name. */
  readonly label: string
  readonly accept: string
  readonly onFile: (file: File) => void
  readonly disabled?: boolean
  readonly hint?: ReactNode
}

/** A labelled file input that hands over the chosen file and empties itself, so the same file can be chosen again. */
export function FileField({ id, label, accept, onFile, disabled = false, hint }: FileFieldProps): ReactNode {
  const [inputKey, setInputKey] = useState(0)
  return (
    <div className="form-field">
      <label htmlFor={id} className="form-field__label">
        {label}
      </label>
      <input
        key={inputKey}
        id={id}
        className="file-input"
        type="file"
        accept={accept}
        disabled={disabled}
        aria-describedby={hint === undefined ? undefined : `${id}-hint`}
        onChange={(event) => {
          const file = event.target.files?.[0]
          setInputKey((key) => key + 1)
          if (file !== undefined) {
            onFile(file)
          }
        }}
      />
      {hint !== undefined && (
        <p id={`${id}-hint`} className="form-field__hint">
          {hint}
        </p>
      )}
    </div>
  )
}
