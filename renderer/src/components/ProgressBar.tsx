import type { ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import { formatBytes, formatNumber } from '../i18n/format.js'

export interface ProgressBarProps {
  readonly label: string
  readonly done: number
  readonly total: number
}

/** A native progress bar with the amount in words beside it. */
export function ProgressBar({ label, done, total }: ProgressBarProps): ReactNode {
  const { t } = useTranslation()
  const percent = total === 0 ? 0 : Math.round((done / total) * 100)
  return (
    <div className="progress">
      <progress className="progress__bar" aria-label={label} max={Math.max(total, 1)} value={done} />
      <span className="progress__text">
        {t('common.progress', { percent: formatNumber(percent), done: formatBytes(done), total: formatBytes(total) })}
      </span>
    </div>
  )
}
