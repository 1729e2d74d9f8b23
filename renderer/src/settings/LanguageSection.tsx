import { useState, type ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import { chooseLanguage } from '../i18n/i18n.js'
import { readLanguagePreference, systemLanguage, type LanguagePreference } from '../i18n/language.js'

const CHOICES: readonly LanguagePreference[] = ['system', 'en', 'es']

/** System default, English or Español: kept in this browser, applied at once. */
export function LanguageSection(): ReactNode {
  const { t } = useTranslation()
  const [preference, setPreference] = useState<LanguagePreference>(readLanguagePreference)

  const label = (choice: LanguagePreference): string =>
    choice === 'system'
      ? t('settings.language.system', { language: t(`settings.language.${systemLanguage()}`) })
      : t(`settings.language.${choice}`)

  return (
    <section className="card" aria-labelledby="language-heading">
      <h2 id="language-heading" className="card__title">
        {t('settings.language.title')}
      </h2>
      <fieldset className="choice-group" aria-describedby="language-intro">
        <legend className="visually-hidden">{t('settings.language.title')}</legend>
        <p id="language-intro" className="muted">
          {t('settings.language.intro')}
        </p>
        {CHOICES.map((choice) => (
          <label key={choice} className="choice-group__option">
            <input
              type="radio"
              name="language"
              value={choice}
              checked={preference === choice}
              onChange={() => {
                setPreference(choice)
                void chooseLanguage(choice)
              }}
            />
            {/* each language is named in itself, so anyone can find their own */}
            <span lang={choice === 'system' ? undefined : choice}>{label(choice)}</span>
          </label>
        ))}
      </fieldset>
    </section>
  )
}
