import { useState, type ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import { CONTACT_NAME_MAX, type Contact } from '../../../src/api/index.js'
import { useClient } from '../api/client-context.js'
import { Form } from '../components/Form.js'
import { FormActions } from '../components/FormActions.js'
import { Notice } from '../components/Notice.js'
import { TextField } from '../components/TextField.js'
import { coreText } from '../lib/core-text.js'
import { describeError } from '../lib/describe-error.js'
import { useContactBook } from './contact-book.js'
import { profileName } from './contact-labels.js'

type Outcome =
  | { readonly kind: 'idle' }
  | { readonly kind: 'working' }
  | { readonly kind: 'saved' }
  | { readonly kind: 'failed'; readonly message: string }

/** The name this device shows for a contact; empty goes back to the name they chose. */
export function RenameForm({ contact }: { readonly contact: Contact }): ReactNode {
  const { t } = useTranslation()
  const client = useClient()
  const book = useContactBook()
  const [name, setName] = useState(contact.localName ?? '')
  const [outcome, setOutcome] = useState<Outcome>({ kind: 'idle' })
  const working = outcome.kind === 'working'
  const theirName = profileName(contact.profile, contact.peerId)

  const rename = async (): Promise<void> => {
    setOutcome({ kind: 'working' })
    const result = await client.invoke('renameContact', { peerId: contact.peerId, name: name.trim() })
    if (result.ok) {
      book.acceptContact(result.value)
      setName(result.value.localName ?? '')
      setOutcome({ kind: 'saved' })
    } else {
      setOutcome({ kind: 'failed', message: coreText(result.error.fields?.name ?? describeError(result.error)) })
    }
  }

  return (
    <section className="card" aria-labelledby="rename-heading">
      <h2 id="rename-heading" className="card__title">
        {t('contacts.rename.title')}
      </h2>
      <Form label={t('contacts.rename.form', { name: contact.name })} busy={working} onSubmit={() => void rename()}>
        <TextField
          id="contact-local-name"
          label={t('contacts.rename.label')}
          maxLength={CONTACT_NAME_MAX}
          autoComplete="off"
          placeholder={theirName}
          value={name}
          onValueChange={(value) => {
            setName(value)
            if (outcome.kind !== 'working') {
              setOutcome({ kind: 'idle' })
            }
          }}
          readOnly={working}
          hint={t('contacts.rename.hint', { name: theirName })}
        />
        {outcome.kind === 'failed' && (
          <Notice tone="error">{t('contacts.rename.failed', { error: outcome.message })}</Notice>
        )}
        <FormActions submit={t('contacts.rename.submit')} busyText={t('contacts.rename.busy')} busy={working}>
          {outcome.kind === 'saved' && (
            <span role="status" className="form__done">
              {t('common.saved')}
            </span>
          )}
        </FormActions>
      </Form>
    </section>
  )
}
