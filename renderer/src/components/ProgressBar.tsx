import type { ReactNode } from 'react'

export interface ProgressBarProps {
  readonly label: string
  readonly done: number
  readonly total: number
}

function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KiB`
  return `${(bytes / (1024 * 1024)).toFixed(1)} MiB`
}

/** A native progress bar with the amount in words beside it. */
export function ProgressBar({ label, done, total }: ProgressBarProps): ReactNode {
  const percent = total === 0 ? 0 : Math.round((done / total) * 100)
  return (
    <div className="progress">
      <progress className="progress__bar" aria-label={label} max={Math.max(total, 1)} value={done} />
      <span className="progress__text">
        {percent}% · {formatBytes(done)} of {formatBytes(total)}
      </span>
    </div>
  )
}
